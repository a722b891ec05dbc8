"""Reads for the reports pages. The workspace schema is active, so a job id from another workspace
does not exist here (the view answers 404)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from reports.models import ExportJob, ImportJob

RECENT = 20


def recent_exports(limit: int = RECENT, *, hidden_kinds: Sequence[str] = ()) -> list[ExportJob]:
    jobs = ExportJob.objects.exclude(kind__in=hidden_kinds)
    return list(jobs.order_by("-created_at", "-id")[:limit])


def export_job(pk: int, *, hidden_kinds: Sequence[str] = ()) -> ExportJob:
    """Raises ExportJob.DoesNotExist (also for a job of a kind in `hidden_kinds`)."""
    return ExportJob.objects.exclude(kind__in=hidden_kinds).get(pk=pk)


def recent_imports(limit: int = RECENT) -> QuerySet[ImportJob]:
    return ImportJob.objects.defer("report").order_by("-created_at", "-id")[:limit]


def import_job(pk: int) -> ImportJob:
    """Raises ImportJob.DoesNotExist."""
    return ImportJob.objects.get(pk=pk)


def requester_emails(jobs) -> dict[int, str]:
    """Public-schema user emails for the jobs' requested_by_id, in one query."""
    from tenants.models import User

    ids = {job.requested_by_id for job in jobs if job.requested_by_id}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "email")) if ids else {}
