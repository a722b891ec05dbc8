"""Export jobs: the only writer of ExportJob.

`request_export` records the job and queues its task in one transaction (through the outbox, so a
Redis outage delays the export instead of losing it). `run_export` is the task's body: it claims the
job through batchtrack.jobs' runner (queued -> running, once: a repeated delivery does nothing),
builds the file while updating the row's progress, stores it in the workspace's media folder and
marks the job done, or failed with a message a person can act on.
"""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from batches.models import Batch
from batchtrack.jobs import JobFailed, Progress, run_job
from batchtrack.tenancy import active_schema_name
from inventory.models import Lot
from outbox.services import enqueue
from reports.exports.kinds import KINDS
from reports.exports.writers import write_table
from reports.models import ExportJob

# Progress is written at most this many times per export (plus the final 100).
PROGRESS_STEPS = 20


def request_export(
    *, kind: str, fmt: str, params: dict, requested_by_id: int | None, zone_name: str
) -> ExportJob:
    """Record an export of `kind` as `fmt` with validated `params` and queue it.

    Raises ValueError for a kind or format the catalogue does not declare (a programming error:
    views validate with the kind's form first)."""
    export_kind = KINDS.get(kind)
    if export_kind is None or fmt not in export_kind.formats:
        raise ValueError(f"No export {kind!r} as {fmt!r}")
    from reports.tasks import run_export_task

    with transaction.atomic():
        job = ExportJob.objects.create(
            kind=kind,
            format=fmt,
            params={**params, "tz": zone_name},
            requested_by_id=requested_by_id,
        )
        enqueue(run_export_task, job.pk)
    return job


def run_export(*, job_id: int) -> ExportJob | None:
    """Build the file of a queued job (or of one stuck running past STALE_AFTER) through
    batchtrack.jobs.run_job; None when there is nothing to claim (already run, running elsewhere,
    or gone)."""
    return run_job(
        ExportJob,
        job_id=job_id,
        work=_export,
        reset={"row_count": 0},
        unexpected=(
            "Something went wrong while building this export, and we have logged it. Try again; "
            "if it keeps failing, contact support with the export number."
        ),
    )


def _export(job: ExportJob, progress: Progress) -> dict:
    try:
        content, rows = _build(job, progress)
    except (Lot.DoesNotExist, Batch.DoesNotExist):
        raise JobFailed("What this export was about no longer exists in the workspace.")
    # A random part keeps stored names unguessable and distinct; people get download_name().
    name = f"{job.kind.replace('_', '-')}-{job.pk}-{uuid.uuid4().hex[:12]}.{job.format}"
    job.file.save(name, ContentFile(content), save=False)
    return {"row_count": rows, "file": job.file}


def download_name(job: ExportJob) -> str:
    """The file name a person downloads: items-20260131-12.csv (the day it was asked for)."""
    day = timezone.localdate(job.created_at, _zone(job))
    return f"{job.kind.replace('_', '-')}-{day:%Y%m%d}-{job.pk}.{job.format}"


def _zone(job: ExportJob) -> ZoneInfo:
    try:
        return ZoneInfo(job.params.get("tz") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _build(job: ExportJob, progress: Progress) -> tuple[bytes, int]:
    zone = _zone(job)
    kind = KINDS[job.kind]
    if job.format == "pdf":
        from tenants.models import Organization

        if kind.pdf is None:
            raise ValueError(f"Export kind {job.kind!r} has no PDF.")
        workspace = Organization.objects.get(schema_name=active_schema_name())
        return kind.pdf(job.params, zone, workspace.name)
    if kind.table is None:  # only the printable batch record (a PDF) is built without a table
        raise ValueError(f"Export kind {job.kind!r} has no table for {job.format!r}.")
    table = kind.table(job.params, zone)
    step = max(1, table.total // PROGRESS_STEPS)
    written = 0

    def on_row(number: int) -> None:
        nonlocal written
        written = number
        if number % step == 0:
            progress(min(99, number * 100 // max(table.total, 1)), row_count=number)

    content = write_table(table, job.format, zone=zone, on_row=on_row)
    return content, written
