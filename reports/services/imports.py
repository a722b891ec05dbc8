"""Import jobs: the only writer of ImportJob; items and stock are written only by inventory.services.

1. `preview_import` (the dry run, in the request): refuses a bad file outright (ImportRefused: type,
   size, columns, row count; nothing is stored), else runs every row through create_item + receive
   in a transaction it rolls back (`reports.imports.validation`) and stores the file in the
   workspace's media folder with a row-by-row report. Any bad row makes the job INVALID: it can't be
   confirmed.
2. `confirm_import`: a READY job becomes QUEUED and its task is queued (outbox).
3. `run_import` (the task): checks every row again against the workspace as it is now, then creates
   every item and receives every opening lot through create_item + receive inside ONE transaction.
   One failure rolls everything back: the job is FAILED, nothing was imported, the ledger is as it was.
   Progress goes to the job's row through the runner's Progress, which writes it outside that
   transaction so the page sees it before the import commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction

from batchtrack.errors import DomainError
from batchtrack.jobs import JobFailed, Progress, run_job
from batchtrack.tenancy import active_schema_name
from billing import gates
from inventory import services as inventory
from inventory.models import CustomUnit, Item
from outbox.services import enqueue
from reports.errors import ImportNotReady
from reports.imports.reading import check_upload, read_rows
from reports.imports.validation import RowCheck, check_rows, existing_names
from reports.models import ImportJob


def _custom_units():
    return [unit.as_definition() for unit in CustomUnit.objects.all()]


def _check(job_rows, zone: ZoneInfo) -> list[RowCheck]:
    return check_rows(
        job_rows, existing_names=existing_names(), custom_units=_custom_units(), zone=zone
    )


def _active_items() -> int:
    return Item.objects.filter(is_archived=False).count()


def _limit_problem(organization, adding: int, *, lock: bool = False) -> str:
    """The item limit, for the preview (a read) or, with `lock`, for the import itself (inside its
    transaction: the organization row stays locked until it commits, see lock_and_check_limit)."""
    try:
        if lock:
            gates.lock_and_check_limit(
                organization=organization, limit="items", count=_active_items, adding=adding
            )
        else:
            gates.check_limit(
                organization=organization, limit="items", current=_active_items(), adding=adding
            )
    except DomainError as exc:
        return f"This file has {adding} items. {exc.message}"
    return ""


def preview_import(
    *, organization, upload, requested_by_id: int | None, zone_name: str
) -> ImportJob:
    """Dry-run `upload` (a Django UploadedFile) and keep it with its report.

    Raises ImportRefused when the file as a whole can't be used; nothing is stored then."""
    ext = check_upload(upload.name, upload.size)
    parsed = read_rows(upload, ext)
    checks = _check(parsed.rows, _zone(zone_name))
    errors = sum(1 for c in checks if not c.ok)
    problem = "" if errors else _limit_problem(organization, len(checks))
    upload.seek(0)
    with transaction.atomic():
        job = ImportJob(
            original_name=(upload.name or "")[-255:],
            status=ImportJob.Status.INVALID if errors or problem else ImportJob.Status.READY,
            row_count=len(checks),
            error_count=errors,
            report=[check.as_report() for check in checks],
            error_message=problem,
            requested_by_id=requested_by_id,
        )
        job.file.save(f"import-{uuid.uuid4().hex}{ext}", upload, save=False)
        job.save()
    return job


def confirm_import(*, job_id: int, actor_id: int | None, zone_name: str) -> ImportJob:
    """Queue a READY import. Raises ImportNotReady for any other status, ImportJob.DoesNotExist."""
    from reports.tasks import run_import_task

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status != ImportJob.Status.READY:
            raise ImportNotReady(
                "This import has problems to fix first."
                if job.status == ImportJob.Status.INVALID
                else "This import has already been started."
            )
        job.status = ImportJob.Status.QUEUED
        job.save(update_fields=["status"])
        enqueue(run_import_task, job.pk, actor_id, zone_name)
    return job


def run_import(*, job_id: int, actor_id: int | None, zone_name: str) -> ImportJob | None:
    """Import a QUEUED job (or one stuck running past STALE_AFTER) through batchtrack.jobs.run_job,
    all rows or none; None when there is nothing to claim (a repeat delivery)."""

    def work(job: ImportJob, progress: Progress) -> dict:
        return _import(job, progress, actor_id=actor_id, zone=_zone(zone_name))

    return run_job(
        ImportJob,
        job_id=job_id,
        work=work,
        explain=lambda exc: f"{exc.message} Nothing was imported.",
        unexpected=(
            "Something went wrong while importing, and we have logged it. Nothing was imported; "
            "try again, and contact support if it keeps failing."
        ),
    )


def _import(job: ImportJob, progress: Progress, *, actor_id: int | None, zone: ZoneInfo) -> dict:
    from tenants.models import Organization

    organization = Organization.objects.get(schema_name=active_schema_name())
    with job.file.open("rb") as handle:
        parsed = read_rows(handle, "." + job.file.name.rsplit(".", 1)[-1].lower())
    checks = _check(parsed.rows, zone)
    bad = [c for c in checks if not c.ok]
    if bad:
        first = bad[0].errors[0]
        raise JobFailed(
            f"The workspace changed since the preview, and {len(bad)} row(s) can't be "
            f"imported now ({first}). Nothing was imported.",
            report=[c.as_report() for c in checks],
            error_count=len(bad),
        )
    created, lots = _write_all(job, checks, organization, actor_id, progress)
    return {"items_created": created, "lots_created": lots}


class _RowFailed(DomainError):
    code = "IMPORT_ROW_FAILED"


def _write_all(
    job: ImportJob,
    checks: list[RowCheck],
    organization,
    actor_id,
    progress: Callable[[int], None],
) -> tuple[int, int]:
    step = max(1, len(checks) // 20)
    lots = 0
    with transaction.atomic():
        problem = _limit_problem(organization, len(checks), lock=True)
        if problem:
            raise _RowFailed(problem)
        for index, check in enumerate(checks, start=1):
            try:
                item = inventory.create_item(organization=organization, **check.item)
                if check.opening:
                    inventory.receive(
                        item=item,
                        actor_id=actor_id,
                        note=f"Opening stock (import {job.pk}, row {check.row})",
                        **check.opening,
                    )
                    lots += 1
            except DomainError as exc:
                raise _RowFailed(f"Row {check.row}: {exc.message}")
            if index % step == 0:
                progress(min(99, index * 100 // len(checks)))
    return len(checks), lots


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
