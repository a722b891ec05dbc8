"""Sample-data loads: a maker asked for the sample data, and how far loading it got.

Only `workspace.services.sample_data` writes these rows. A load is a `batchtrack.jobs.Job`: the
runner moves it queued -> running -> done | failed, and the service writes `step` and `progress`
after each app's seeder so the page can show progress.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from batchtrack.jobs import Job


class SampleDataJob(Job):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Loading"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)

    class Meta(Job.Meta):
        constraints = [
            *Job.Meta.constraints,
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running"], finished_at__isnull=True)
                | Q(status__in=["done", "failed"], finished_at__isnull=False),
                name="workspace_sample_finished_at",
            ),
        ]

    def __str__(self) -> str:
        return f"Sample data {self.pk} ({self.status})"


class ChecklistDoneSeen(models.Model):
    """A member has seen the dashboard say the getting-started checklist is done, so it says it only
    once (the checklist's steps themselves are derived from the data, never stored)."""

    user_id = models.BigIntegerField(unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Checklist done, seen by user {self.user_id}"
