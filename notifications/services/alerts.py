"""Raising and resolving alerts, and giving each allowed member a notification of a new one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from batchtrack.tenancy import active_schema_name
from notifications.models import Alert, Notification
from notifications.selectors import forget_unread, members_allowed
from notifications.zones import workspace_day
from webhooks import events as webhook_events

# Who is told of an alert: members whose role and tier allow this permission. None: nobody in the
# workspace (ledger drift goes to platform staff by email instead).
AUDIENCE: dict[str, str | None] = {
    Alert.Kind.LOW_STOCK: "inventory.view",
    Alert.Kind.LOT_EXPIRING: "inventory.view",
    Alert.Kind.LOT_EXPIRED: "inventory.view",
    Alert.Kind.TIMER_DUE: "batches.view",
    Alert.Kind.LEDGER_DRIFT: None,
}


@dataclass(frozen=True)
class Finding:
    """One subject a scan found in the alert's condition, with what its message needs."""

    subject_id: int
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SyncResult:
    raised: list[Alert]
    resolved: int
    notified: int


def sync_alerts(*, kind: str, findings: list[Finding], now: datetime) -> SyncResult:
    """Make the open alerts of `kind` match what a scan found at `now`.

    Open alerts whose subject was not found are resolved. A found subject gets a new alert unless it
    already has an open one, or had one raised on the workspace's current day (resolved since): so a
    re-run, a retry or an overlapping run raises nothing twice. Each new alert gives a notification to
    every active member allowed to see it (AUDIENCE). One transaction; concurrent runs for the same kind
    in this workspace are serialised by a transaction-level advisory lock. Returns what was raised.
    """
    if kind not in AUDIENCE:
        raise ValueError(f"Unknown alert kind {kind!r}")
    found = {finding.subject_id: finding for finding in findings}
    day = workspace_day(now)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                [f"{active_schema_name()}:alerts:{kind}"],
            )
        open_alerts = dict(
            Alert.objects.filter(kind=kind, resolved_at__isnull=True).values_list(
                "subject_id", "pk"
            )
        )
        gone = [pk for subject_id, pk in open_alerts.items() if subject_id not in found]
        resolved = Alert.objects.filter(pk__in=gone).update(resolved_at=now) if gone else 0
        raised_today = set(
            Alert.objects.filter(kind=kind, day=day, subject_id__in=list(found)).values_list(
                "subject_id", flat=True
            )
        )
        raised = Alert.objects.bulk_create(
            [
                Alert(
                    kind=kind,
                    subject_id=subject_id,
                    day=day,
                    details=found[subject_id].details,
                    raised_at=now,
                )
                for subject_id in sorted(found)
                if subject_id not in open_alerts and subject_id not in raised_today
            ]
        )
        notified = _notify_members(raised, permission=AUDIENCE[kind], now=now)
        # Low stock and expiring lots are webhook events too (sent once this commits).
        webhook_events.alerts_raised(kind, [alert.details for alert in raised])
    return SyncResult(raised=raised, resolved=resolved, notified=notified)


def _notify_members(alerts: list[Alert], *, permission: str | None, now: datetime) -> int:
    if not alerts or permission is None:
        return 0
    user_ids = [membership.user_id for membership in members_allowed(permission)]
    notifications = Notification.objects.bulk_create(
        [
            Notification(alert=alert, user_id=user_id, created_at=now)
            for alert in alerts
            for user_id in user_ids
        ]
    )
    forget_unread(user_ids)
    return len(notifications)
