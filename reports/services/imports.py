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
   Progress goes to the cache (the transaction's writes are invisible to the page until commit).
"""

from __future__ import annotations

import logging
import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from batchtrack.errors import DomainError
from billing import gates
from inventory import services as inventory
from inventory.models import CustomUnit, Item
from outbox.services import enqueue
from reports.errors import ImportNotReady, ImportRefused
from reports.imports.reading import check_upload, read_rows
from reports.imports.validation import RowCheck, check_rows
from reports.models import STALE_AFTER, ImportJob

logger = logging.getLogger("reports")
PROGRESS_TTL = 3600


def progress_key(job_id: int) -> str:
    # The default cache prefixes every key with the workspace's schema.
    return f"reports:import-progress:{job_id}"


def _custom_units():
    return [unit.as_definition() for unit in CustomUnit.objects.all()]


def _check(job_rows, zone: ZoneInfo, organization) -> list[RowCheck]:
    return check_rows(job_rows, organization=organization, zone=zone, custom_units=_custom_units())


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
    checks = _check(parsed.rows, _zone(zone_name), organization)
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
    """Import a QUEUED job (or one stuck running past STALE_AFTER), all rows or none; None when
    there is nothing to claim (a repeat delivery)."""
    now = timezone.now()
    claimable = Q(status=ImportJob.Status.QUEUED) | Q(
        status=ImportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER
    )
    claimed = ImportJob.objects.filter(claimable, pk=job_id).update(
        status=ImportJob.Status.RUNNING, started_at=now
    )
    if not claimed:
        return None
    job = ImportJob.objects.get(pk=job_id)
    cache.set(progress_key(job.pk), 0, PROGRESS_TTL)
    try:
        from tenants.models import Organization

        organization = Organization.objects.get(schema_name=connection.schema_name)
        with job.file.open("rb") as handle:
            parsed = read_rows(handle, "." + job.file.name.rsplit(".", 1)[-1].lower())
        checks = _check(parsed.rows, _zone(zone_name), organization)
        bad = [c for c in checks if not c.ok]
        if bad:
            job.report = [c.as_report() for c in checks]
            job.error_count = len(bad)
            first = bad[0].errors[0]
            return _fail(
                job,
                f"The workspace changed since the preview, and {len(bad)} row(s) can't be "
                f"imported now ({first}). Nothing was imported.",
            )
        created, lots = _write_all(job, checks, organization, actor_id)
    except (DomainError, ImportRefused) as exc:
        return _fail(job, f"{exc.message} Nothing was imported.")
    except Exception:
        logger.exception("Import %s failed in %s", job_id, connection.schema_name)
        return _fail(
            job,
            "Something went wrong while importing, and we have logged it. Nothing was imported; "
            "try again, and contact support if it keeps failing.",
        )
    job.status = ImportJob.Status.DONE
    job.items_created = created
    job.lots_created = lots
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "items_created", "lots_created", "finished_at"])
    cache.set(progress_key(job.pk), 100, PROGRESS_TTL)
    return job


class _RowFailed(DomainError):
    code = "IMPORT_ROW_FAILED"


def _write_all(job: ImportJob, checks: list[RowCheck], organization, actor_id) -> tuple[int, int]:
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
                cache.set(progress_key(job.pk), min(99, index * 100 // len(checks)), PROGRESS_TTL)
    return len(checks), lots


def _fail(job: ImportJob, message: str) -> ImportJob:
    job.status = ImportJob.Status.FAILED
    job.error_message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error_message", "finished_at", "report", "error_count"])
    cache.delete(progress_key(job.pk))
    return job


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
