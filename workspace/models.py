"""Sample-data loads: a maker asked for the sample data, and how far loading it got.

Only `workspace.services.sample_data` writes these rows. The task moves a job queued -> running ->
done | failed, writing `step` and `progress` after each app's seeder so the page can show progress.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

# A job still "running" this long after it started lost its worker; it may be claimed again.
STALE_AFTER = timedelta(minutes=10)


class SampleDataJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Loading"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0-100
    step = models.CharField(max_length=120, blank=True)  # what is loading now, in plain words
    error_message = models.TextField(blank=True)
    # A public-schema user id (users do not live in workspace schemas).
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="workspace_sample_progress"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running"], finished_at__isnull=True)
                | Q(status__in=["done", "failed"], finished_at__isnull=False),
                name="workspace_sample_finished_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Sample data {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
