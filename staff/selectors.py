"""Reads for the staff console: the dashboard's numbers, each a bounded number of queries whatever
the number of workspaces (a test pins it), and the error inbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from batchtrack.billing_state import LIVE_STATUSES, BillingStatus
from staff.models import LedgerAuditResult, SupportSession, WorkspaceActivity, WorkspaceDeletion
from tenants.models import Organization

WEEKS = 8
ACTIVE_WINDOW = timedelta(days=7)
CHURN_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Dashboard:
    signups_by_week: list[tuple[datetime, int]]
    workspaces: int
    suspended: int
    active: int
    paying_by_tier: list[tuple[str, int]]
    paying: int
    canceled_recently: int
    deletions_requested_recently: int
    churn_percent: float | None
    audit_findings: list[LedgerAuditResult]
    audit_last_run: datetime | None
    open_support_sessions: int


def workspaces():
    return Organization.objects.exclude(schema_name=get_public_schema_name())


def staff_dashboard(now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    week_start = (now - timedelta(weeks=WEEKS)).replace(hour=0, minute=0, second=0, microsecond=0)
    signups = (
        workspaces()
        .filter(created_at__gte=week_start)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("week")
    )
    totals = workspaces().aggregate(
        all=Count("id"),
        suspended=Count("id", filter=Q(status=Organization.Status.SUSPENDED)),
        canceled=Count(
            "id",
            filter=Q(
                billing_status=BillingStatus.CANCELED, billing_event_at__gte=now - CHURN_WINDOW
            ),
        ),
    )
    paying = list(
        workspaces()
        .filter(billing_status__in=LIVE_STATUSES)
        .exclude(tier="free")
        .values("tier")
        .annotate(n=Count("id"))
        .order_by("tier")
    )
    paying_total = sum(row["n"] for row in paying)
    canceled = totals["canceled"]
    findings = list(
        LedgerAuditResult.objects.filter(
            drifting_items__gt=0, checked_at__gte=now - timedelta(days=2)
        )
        .select_related("organization")
        .order_by("-drifting_items")[:20]
    )
    last_run: Any = (
        LedgerAuditResult.objects.order_by("-checked_at")
        .values_list("checked_at", flat=True)
        .first()
    )
    return Dashboard(
        signups_by_week=[(row["week"], row["n"]) for row in signups],
        workspaces=totals["all"],
        suspended=totals["suspended"],
        active=WorkspaceActivity.objects.filter(last_write_at__gte=now - ACTIVE_WINDOW).count(),
        paying_by_tier=[(row["tier"], row["n"]) for row in paying],
        paying=paying_total,
        canceled_recently=canceled,
        deletions_requested_recently=WorkspaceDeletion.objects.filter(
            requested_at__gte=now - CHURN_WINDOW
        ).count(),
        churn_percent=round(100 * canceled / (paying_total + canceled), 1)
        if paying_total + canceled
        else None,
        audit_findings=findings,
        audit_last_run=last_run,
        open_support_sessions=SupportSession.objects.filter(
            ended_at__isnull=True, expires_at__gt=now
        ).count(),
    )
