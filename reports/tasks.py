"""Background work for reports; each task runs in the workspace schema it was queued from."""

from __future__ import annotations

from batchtrack.celery import app


@app.task
def run_export_task(job_id: int) -> None:
    """Build an export's file (idempotent: a job that is not queued is left alone)."""
    from reports.services.exports import run_export

    run_export(job_id=job_id)


@app.task
def run_import_task(job_id: int, actor_id: int | None, zone_name: str) -> None:
    """Run a confirmed import, all rows or none (idempotent like run_export_task)."""
    from reports.services.imports import run_import

    run_import(job_id=job_id, actor_id=actor_id, zone_name=zone_name)


@app.task
def purge_old_files(now: str | None = None) -> dict | None:
    """Daily, per workspace: remove export and import files past their retention."""
    from django.db import connection
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime
    from django_tenants.utils import get_public_schema_name

    from reports.services.retention import purge_old_files as purge

    if connection.schema_name == get_public_schema_name():
        return None
    return purge(now=parse_datetime(now) if now else timezone.now())
