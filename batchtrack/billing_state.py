"""The billing columns every organization row carries, and the words they are written in.

Below both apps: `tenants.Organization` mixes `BillingState` in (so a gate reads one row the request
already holds, never Stripe or dj-stripe's tables), and billing, the only writer of these columns,
reads the same names. Declared here so that neither app imports the other. What each tier includes
is billing's tier catalogue (billing.tiers), which builds its tiers from `TierKey`.
"""

from __future__ import annotations

from django.db import models


class TierKey(models.TextChoices):
    """The tiers there are (their key and name); billing.tiers declares what each includes."""

    FREE = "free", "Free"
    MAKER = "maker", "Maker"
    PRO = "pro", "Pro"
    TEAM = "team", "Team"


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
        choices=TierKey.choices,
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
    complimentary_tier = models.CharField(max_length=20, choices=TierKey.choices, blank=True)
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
