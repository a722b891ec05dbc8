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
