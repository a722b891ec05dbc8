"""Removing old export and import files: exports hold costs, suppliers and customers' data, and a
workspace's media folder should not grow for ever. The job rows stay (who exported or imported what,
when, with the import's row report); only the files go.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from reports.models import ExportJob, ImportJob, JobStatus

EXPORT_RETENTION = timedelta(days=7)
IMPORT_RETENTION = timedelta(days=30)
_IMPORT_OVER = (ImportJob.Status.DONE, ImportJob.Status.FAILED, ImportJob.Status.INVALID)


def purge_old_files(*, now: datetime) -> dict[str, int]:
    """Remove the files of exports finished more than EXPORT_RETENTION ago (the job becomes EXPIRED)
    and of imports over (done, failed or refused) for more than IMPORT_RETENTION. Returns how many of
    each. Safe to re-run: a file already gone is skipped."""
    exports = 0
    old_exports = ExportJob.objects.filter(
        status=JobStatus.DONE, finished_at__lt=now - EXPORT_RETENTION
    )
    for job_id in old_exports.values_list("pk", flat=True):
        with transaction.atomic():
            job = (
                ExportJob.objects.select_for_update()
                .filter(pk=job_id, status=JobStatus.DONE)
                .first()
            )
            if job is None:
                continue
            job.file.delete(save=False)
            job.status = JobStatus.EXPIRED
            job.save(update_fields=["file", "status"])
            exports += 1
    imports = 0
    old_imports = (
        ImportJob.objects.filter(status__in=_IMPORT_OVER)
        .exclude(file="")
        .filter(created_at__lt=now - IMPORT_RETENTION)
    )
    for import_job in old_imports:
        import_job.file.delete(save=False)
        import_job.save(update_fields=["file"])
        imports += 1
    return {"exports": exports, "imports": imports}
