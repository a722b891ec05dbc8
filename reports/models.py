"""Export and import jobs: what was asked for, by whom, how far it got and the file it made or read.

Both are `batchtrack.jobs.Job`s, run by its runner: a job whose worker died mid-run (acks_late
redelivers its task) is claimed again once it has been running longer than `STALE_AFTER`; both tasks
are safe to re-run (an export rewrites its file, an import's transaction rolled back with the worker).

Only `reports.services` writes these rows. Files are not kept for ever: a daily job
(reports.services.retention) removes export files a week after they were made and import files a
month after the import ended; the rows stay as the record of what was done. Files live in the workspace's own media folder
(TenantFileSystemStorage) and are streamed by an authenticated view, never linked directly.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from batchtrack.jobs import Job


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    # The file was removed after EXPORT_RETENTION (reports.services.retention); run the export again.
    EXPIRED = "expired", "Expired"


class ExportJob(Job):
    """One export: `kind` and `format` from reports.exports.kinds, `params` its inputs (date range,
    lot, batch, time zone). The task moves it queued -> running -> done | failed and updates
    `progress` (0-100) and `row_count` as it goes."""

    kind = models.CharField(max_length=30)
    format = models.CharField(max_length=10)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    row_count = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", max_length=255, blank=True)

    FINISHED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.EXPIRED)

    class Meta(Job.Meta):
        constraints = [
            *Job.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="reports_export_done_has_file"
            ),
        ]
        indexes = [models.Index(fields=["-created_at", "-id"], name="reports_export_recent")]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.kind}, {self.format}, {self.status})"


class ImportJob(Job):
    """One uploaded import file and its dry-run report.

    previewed with problems: `status` INVALID (nothing can be imported until the file is fixed);
    previewed clean: READY; confirmed: QUEUED -> RUNNING -> DONE | FAILED. `report` holds one entry
    per data row: {"row": spreadsheet row number, "name": ..., "errors": [plain messages]}.
    """

    class Status(models.TextChoices):
        INVALID = "invalid", "Has problems"
        READY = "ready", "Ready to import"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed; nothing was imported"

    original_name = models.CharField(max_length=255)
    # Emptied once the job is over and IMPORT_RETENTION has passed; the report stays.
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    row_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list, blank=True)
    items_created = models.PositiveIntegerField(default=0)
    lots_created = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.original_name}, {self.status})"
