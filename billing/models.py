"""Billing state.

`BillingState` is the set of columns the request path needs, mixed into `tenants.Organization` so a
gate reads one row it already holds (request.tenant) and never Stripe or dj-stripe's tables. Only
billing.services writes these fields. `BillingEvent` is the audit trail of every change applied to
them and, through its unique Stripe event id, the guarantee that an event acts once.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from billing.tiers import TIER_CHOICES


class BillingStatus(models.TextChoices):
    NONE = "none", "No subscription"
    TRIALING = "trialing", "Trial"
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Payment overdue"
    CANCELED = "canceled", "Canceled"


# Statuses under which the subscribed tier applies (past_due only during its grace period).
LIVE_STATUSES = frozenset({BillingStatus.TRIALING, BillingStatus.ACTIVE, BillingStatus.PAST_DUE})


class BillingState(models.Model):
    tier = models.CharField(
        max_length=20,
        choices=TIER_CHOICES,
        default="free",
        help_text="Tier of the Stripe subscription. What a request may do comes from "
        "billing.policy (status, grace period, complimentary tier).",
    )
    billing_status = models.CharField(
        max_length=20, choices=BillingStatus.choices, default=BillingStatus.NONE
    )
    current_period_end = models.DateTimeField(null=True, blank=True)
    trial_ends_at = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    past_due_since = models.DateTimeField(null=True, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True)
    complimentary_tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True)
    complimentary_until = models.DateTimeField(
        null=True, blank=True, help_text="Blank: the complimentary tier has no end date."
    )
    # Ordering: Stripe does not deliver events in order. `billing_event_at` is the creation time of
    # the newest event whose status was applied; `billing_snapshot_at` of the newest subscription
    # snapshot (tier, period, trial) applied. Anything older changes nothing.
    billing_event_at = models.DateTimeField(null=True, blank=True)
    billing_event_id = models.CharField(max_length=255, blank=True)
    billing_snapshot_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


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
        "tenants.Organization",
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
