"""Upgrading through Stripe Checkout and managing a subscription through Stripe's billing portal."""

from __future__ import annotations

from billing import stripe_api
from billing.errors import BillingError
from billing.models import LIVE_STATUSES, BillingEvent
from billing.services.state import Decision, apply_change
from billing.tiers import get_tier

TRIAL_DAYS = 14


def ensure_customer(*, organization) -> str:
    """The organization's Stripe customer id, creating the customer once.

    Locks the organization row while creating, so two clicks cannot create two customers. Also
    records dj-stripe's Customer row with the organization as its subscriber, so dj-stripe's own
    webhook processing finds the customer locally. Raises StripeNotConfigured without a key.
    """
    if organization.stripe_customer_id:
        return organization.stripe_customer_id
    created: dict[str, str] = {}

    def decide(org) -> Decision:
        if org.stripe_customer_id:
            created["id"] = org.stripe_customer_id
            return Decision(BillingEvent.Outcome.IGNORED, note="customer already exists")
        customer = stripe_api.create_customer(
            email=org.email,
            name=org.name,
            metadata={
                "djstripe_subscriber": str(org.pk),
                "organization_id": str(org.pk),
                "workspace": org.slug,
            },
        )
        from djstripe.models import Customer

        Customer.objects.get_or_create(
            id=customer["id"],
            defaults={"subscriber": org, "livemode": bool(customer.get("livemode"))},
        )
        created["id"] = customer["id"]
        return Decision(BillingEvent.Outcome.APPLIED, {"stripe_customer_id": customer["id"]})

    apply_change(
        organization_id=organization.pk,
        source=BillingEvent.Source.CHECKOUT,
        event_type="customer.create",
        decide=decide,
    )
    organization.stripe_customer_id = created["id"]
    return created["id"]


def offers_trial(organization) -> bool:
    """A 14-day trial comes with the first paid subscription only."""
    return not organization.stripe_subscription_id and organization.trial_ends_at is None


def start_checkout(*, organization, tier: str, success_url: str, cancel_url: str) -> str:
    """Create a Stripe Checkout session for `tier` and return the URL to send the owner to.

    Refuses (BillingError) a free tier, a suspended workspace, or one that already has a live
    subscription (plan changes go through the billing portal, never a second subscription).
    """
    chosen = get_tier(tier)
    lookup_key = chosen.lookup_key  # None exactly when the tier is free
    if lookup_key is None:
        raise BillingError("The Free plan needs no checkout.", field="tier")
    if organization.is_suspended:
        raise BillingError(
            "This workspace is suspended, so it cannot start a new subscription. Contact support."
        )
    if organization.billing_status in LIVE_STATUSES and organization.stripe_subscription_id:
        current = get_tier(organization.tier)
        raise BillingError(
            f"This workspace already has a {current.name} subscription. Change plan or cancel it "
            "in the billing portal (Manage subscription)."
        )
    stripe_api.require_key()  # without a key, fail before anything is created
    price = stripe_api.price_for_lookup_key(lookup_key)
    customer = ensure_customer(organization=organization)
    metadata = {"organization_id": str(organization.pk), "tier": chosen.key}
    subscription_data: dict = {"metadata": metadata}
    if offers_trial(organization):
        subscription_data["trial_period_days"] = TRIAL_DAYS
    session = stripe_api.create_checkout_session(
        mode="subscription",
        customer=customer,
        client_reference_id=str(organization.pk),
        line_items=[{"price": price["id"], "quantity": 1}],
        success_url=success_url,
        cancel_url=cancel_url,
        metadata=metadata,
        subscription_data=subscription_data,
        allow_promotion_codes=True,
    )
    return session["url"]


def open_portal(*, organization, return_url: str) -> str:
    """A Stripe billing portal session URL (payment method, invoices, plan changes, cancel)."""
    if not organization.stripe_customer_id:
        raise BillingError("There is no subscription to manage yet. Choose a plan first.")
    session = stripe_api.create_portal_session(
        customer=organization.stripe_customer_id, return_url=return_url
    )
    return session["url"]
