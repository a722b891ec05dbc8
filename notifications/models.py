"""Alerts raised by the periodic jobs, each member's notifications of them, digest preferences and the
digests sent. All in the workspace's schema; users are referred to by their public-schema id."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Alert(models.Model):
    """Something in the workspace that needs attention, found by a periodic job.

    An alert is open while its condition holds and resolved (`resolved_at`) by the first scan that no
    longer finds it, so a lot that stays low for a week is announced once, not every hour. `subject_id`
    is an Item id (low stock, ledger drift), a Lot id (expiring, expired) or a BatchTimer id (timer due).
    `day` is the workspace's date when it was raised: the database allows one alert per (kind, subject,
    day) and one open alert per (kind, subject), so a re-run or a retried job never announces twice.
    `details` keeps what the message needs (names, quantities, dates) as it was when raised.
    """

    class Kind(models.TextChoices):
        LOW_STOCK = "low_stock", "Low stock"
        LOT_EXPIRING = "lot_expiring", "Lot expiring soon"
        LOT_EXPIRED = "lot_expired", "Lot expired"
        TIMER_DUE = "timer_due", "Timer due"
        # For platform staff only: members are not notified of it.
        LEDGER_DRIFT = "ledger_drift", "Ledger out of balance"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject_id = models.BigIntegerField()
    day = models.DateField()
    details = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    staff_emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id", "day"], name="notifications_alert_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["kind", "subject_id"],
                condition=Q(resolved_at__isnull=True),
                name="notifications_alert_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.subject_id} ({self.day})"


class Notification(models.Model):
    """One member's copy of an alert, read or unread."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notifications")
    user_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "user_id"], name="notifications_notification_once_per_user"
            ),
        ]
        indexes = [
            models.Index(fields=["user_id", "-created_at"], name="notifications_user_recent"),
            models.Index(
                fields=["user_id"], condition=Q(read_at__isnull=True), name="notifications_unread"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alert} for user {self.user_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class DigestPreference(models.Model):
    """A member's email digest choice for this workspace; no row means the default (daily)."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily, around 7:00 in the morning in my time zone"
        OFF = "off", "Off: no digest emails"

    user_id = models.BigIntegerField(unique=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Digest {self.frequency} for user {self.user_id}"


class Digest(models.Model):
    """One digest email: built once per user and local day (unique), sent by a task, `sent_at` set when
    the mail server took it. A retried task finds `sent_at` and sends nothing."""

    user_id = models.BigIntegerField()
    day = models.DateField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user_id", "day"], name="notifications_digest_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Digest for user {self.user_id} on {self.day}"


class DigestRun(models.Model):
    """When the digest dispatcher last ran in this workspace (a single row). The next run covers
    every 7:00 that passed since, so an hour or a few missed while the worker was down are caught up
    instead of skipping that day's digest."""

    ran_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Digests dispatched at {self.ran_at:%Y-%m-%d %H:%M}"
