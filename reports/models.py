"""Export and import jobs: what was asked for, by whom, how far it got and the file it made or read.

A job whose worker died mid-run (acks_late redelivers its task) is claimed again once it has been
running longer than `STALE_AFTER`; both tasks are safe to re-run (an export rewrites its file, an
import's transaction rolled back with the worker).

Only `reports.services` writes these rows. Files are not kept for ever: a daily job
(reports.services.retention) removes export files a week after they were made and import files a
month after the import ended; the rows stay as the record of what was done. Files live in the workspace's own media folder
(TenantFileSystemStorage) and are streamed by an authenticated view, never linked directly.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

STALE_AFTER = timedelta(minutes=30)


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    # The file was removed after EXPORT_RETENTION (reports.services.retention); run the export again.
    EXPIRED = "expired", "Expired"


class ExportJob(models.Model):
    """One export: `kind` and `format` from reports.exports.kinds, `params` its inputs (date range,
    lot, batch, time zone). The task moves it queued -> running -> done | failed and updates
    `progress` (0-100) and `row_count` as it goes."""

    kind = models.CharField(max_length=30)
    format = models.CharField(max_length=10)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    error_message = models.TextField(blank=True)
    file = models.FileField(upload_to="exports/%Y/%m/", max_length=255, blank=True)
    # A public-schema user id (users do not live in workspace schemas).
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reports_export_progress"),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="reports_export_done_has_file"
            ),
        ]
        indexes = [models.Index(fields=["-created_at", "-id"], name="reports_export_recent")]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.kind}, {self.format}, {self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED, JobStatus.EXPIRED)


class ImportJob(models.Model):
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
    error_message = models.TextField(blank=True)
    items_created = models.PositiveIntegerField(default=0)
    lots_created = models.PositiveIntegerField(default=0)
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.original_name}, {self.status})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
