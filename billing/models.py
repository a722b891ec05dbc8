"""Billing state.

`BillingState` (batchtrack.billing_state) is the set of columns the request path needs, mixed into
the organization row so a gate reads one row it already holds (request.tenant) and never Stripe or
dj-stripe's tables. Only billing.services writes these fields. `BillingEvent` is the audit trail of
every change applied to them and, through its unique Stripe event id, the guarantee that an event
acts once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from batchtrack.billing_state import LIVE_STATUSES, BillingState, BillingStatus

__all__ = ["LIVE_STATUSES", "BillingEvent", "BillingState", "BillingStatus"]


class BillingEvent(models.Model):
    """One billing change (or a deliberate non-change) and where it came from."""

    class Source(models.TextChoices):
        WEBHOOK = "webhook", "Stripe webhook"
        RECONCILE = "reconcile", "Nightly reconciliation"
        STAFF = "staff", "Staff"
        CHECKOUT = "checkout", "Checkout"

    class Outcome(models.TextChoices):
        APPLIED = "applied", "Applied"
        STALE = "stale", "Older than the applied state; ignored"
        IGNORED = "ignored", "Nothing to change"
        UNMATCHED = "unmatched", "No organization matches"

    organization = models.ForeignKey(
        settings.TENANT_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="billing_events",
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    stripe_event_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    event_type = models.CharField(max_length=100)
    event_created = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    changes = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=500, blank=True)
    actor = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["organization", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} ({self.get_outcome_display()})"
