"""The transactional outbox: background work recorded in the database with the change that caused it.

A shared app (public schema) because one table must hold the work of every workspace: the periodic
flush reads it from one place, and each row says which schema its task runs in. Workspace requests
reach it too, since django-tenants keeps `public` on every search path, so the row is written in the
caller's own transaction whatever schema is active.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    # The schema the task runs in (tenant-schemas-celery's `_schema_name` header).
    schema_name = models.CharField(max_length=63)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outbox_unsent"),
            models.Index(fields=["sent_at"], name="outbox_sent_at"),
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else f"waiting ({self.attempts} attempts)"
        return f"{self.task_name} in {self.schema_name}: {state}"


class PeriodicRun(models.Model):
    """When a periodic job (a crontab entry of CELERY_BEAT_SCHEDULE) was last sent to a schema by
    beat, and last succeeded there. Written only by outbox.periodic; beat reads it to send once a
    run it missed while the broker was unreachable, or while beat itself was down."""

    task_name = models.CharField(max_length=200)
    schema_name = models.CharField(max_length=63)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_name", "schema_name"], name="periodic_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.task_name} in {self.schema_name}: last succeeded {self.last_success_at}"
