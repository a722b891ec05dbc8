"""Staff console tables, all in the public schema. Written only by staff.services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from batchtrack.jobs import DONE, FAILED, QUEUED, RUNNING, Job


class SupportGrant(models.Model):
    """An owner's consent to support access: off unless a row with a future `expires_at` exists."""

    organization = models.OneToOneField(
        settings.TENANT_MODEL, on_delete=models.CASCADE, related_name="support_grant"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    allow_changes = models.BooleanField(default=False)

    def is_active(self, now=None) -> bool:
        return self.expires_at > (now or timezone.now())


class SupportSession(models.Model):
    """Staff viewing a workspace as one of its members, under a grant or break-glass."""

    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    staff_email = models.EmailField()
    organization = models.ForeignKey(
        settings.TENANT_MODEL, on_delete=models.CASCADE, related_name="support_sessions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    member_email = models.EmailField()
    reason = models.TextField(blank=True)
    break_glass = models.BooleanField(default=False)
    allow_changes = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # Hash of the sign-in ticket that carries the session to the workspace host (tenants.handoff).
    handoff_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    entered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        permissions = [
            ("break_glass", "Open a support session without the owner's grant (with a reason)")
        ]

    def __str__(self) -> str:
        return f"{self.staff_email} as {self.member_email} in {self.organization_id}"

    def is_open(self, now=None) -> bool:
        return self.ended_at is None and self.expires_at > (now or timezone.now())


class FlagOverride(models.Model):
    """A flag turned on or off for everyone (no organization) or for one workspace."""

    key = models.CharField(max_length=64)
    organization = models.ForeignKey(
        settings.TENANT_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flag_overrides",
    )
    enabled = models.BooleanField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(organization__isnull=True), name="flag_one_global"
            ),
            models.UniqueConstraint(fields=["key", "organization"], name="flag_one_per_workspace"),
        ]

    def __str__(self) -> str:
        scope = self.organization or "everyone"
        return f"{self.key} {'on' if self.enabled else 'off'} for {scope}"


class ErrorGroup(models.Model):
    """Server errors of one kind: the same exception type raised at the same place."""

    fingerprint = models.CharField(max_length=64, unique=True)
    exception_type = models.CharField(max_length=200)
    location = models.CharField(max_length=300)
    message = models.TextField(blank=True)
    count = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    last_request_id = models.CharField(max_length=64, blank=True)
    last_workspace = models.CharField(max_length=63, blank=True)
    last_path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.exception_type} at {self.location}"


class WorkspaceActivity(models.Model):
    """When a workspace last saw a write (at most one update an hour): the dashboard's cheap signal
    of an active workspace, instead of looking into every schema."""

    organization = models.OneToOneField(
        settings.TENANT_MODEL, on_delete=models.CASCADE, related_name="activity"
    )
    last_write_at = models.DateTimeField(db_index=True)


class LedgerAuditResult(models.Model):
    """The latest nightly ledger audit of a workspace, copied to the public schema when the task
    succeeds, so the dashboard reads one table rather than 1,000 schemas."""

    organization = models.OneToOneField(
        settings.TENANT_MODEL, on_delete=models.CASCADE, related_name="ledger_audit"
    )
    checked_at = models.DateTimeField()
    # Items whose books disagree after that run (open ledger-drift alerts).
    drifting_items = models.PositiveIntegerField(default=0)


class WorkspaceExport(Job):
    """An owner's "export everything" ZIP, built by a worker in the workspace's schema."""

    class Status(models.TextChoices):
        QUEUED = QUEUED, "Queued"
        RUNNING = RUNNING, "Running"
        DONE = DONE, "Ready"
        FAILED = FAILED, "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=QUEUED)
    organization = models.ForeignKey(
        settings.TENANT_MODEL, on_delete=models.CASCADE, related_name="full_exports"
    )
    file_name = models.CharField(max_length=255, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)

    class Meta(Job.Meta):
        pass


class WorkspaceDeletion(models.Model):
    """A deletion request and, after the purge, the record that remains: no names, no emails."""

    organization = models.OneToOneField(
        settings.TENANT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion",
    )
    # Kept after the purge: which row it was, by number only.
    organization_number = models.BigIntegerField()
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    purge_after = models.DateTimeField(db_index=True)
    expedited_by_id = models.BigIntegerField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    subscription_canceled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        state = "purged" if self.purged_at else f"due {self.purge_after:%Y-%m-%d}"
        return f"Workspace #{self.organization_number} ({state})"
