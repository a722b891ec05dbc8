"""Apply Stripe's view of a subscription (webhooks and reconciliation) to the organization.

Ordering. Stripe delivers events at least once and in no guaranteed order, so each write compares the
event's `created` time with what the organization already reflects:

- a subscription snapshot (customer.subscription.*, or a reconciliation read) carries the tier,
  period, trial and status. Its tier/period/trial are applied when it is not older than the newest
  snapshot applied (`billing_snapshot_at`); its status when it is not older than the newest status
  change applied by any event (`billing_event_at`);
- invoice.paid / invoice.payment_failed change only the status (past_due and back), and only when
  not older than `billing_event_at`; an invoice event that changes nothing does not move it.

Equal timestamps are applied in arrival order (Stripe's clock has one-second resolution). The same
event id acts once (BillingEvent's unique Stripe id, checked under the organization's row lock, on top
of dj-stripe's own de-duplication). Anything that slips through is repaired by the reconciliation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import stripe
from django_tenants.utils import get_tenant_model

from billing.errors import UnknownTier
from billing.models import LIVE_STATUSES, BillingEvent, BillingStatus
from billing.services.state import Decision, apply_change, logger, timestamp
from billing.tiers import Tier, tier_from_metadata

STRIPE_STATUSES: Mapping[str, BillingStatus] = {
    "trialing": BillingStatus.TRIALING,
    "active": BillingStatus.ACTIVE,
    "past_due": BillingStatus.PAST_DUE,
    # Retries exhausted but the subscription is kept: still overdue (read-only after the grace).
    "unpaid": BillingStatus.PAST_DUE,
    "canceled": BillingStatus.CANCELED,
    # A paused subscription (trial ended without a payment method) pays for nothing.
    "paused": BillingStatus.CANCELED,
    # The first payment has not gone through (yet): nothing paid, nothing granted.
    "incomplete": BillingStatus.NONE,
    "incomplete_expired": BillingStatus.NONE,
}

Outcome = BillingEvent.Outcome


@dataclass(frozen=True)
class SubscriptionSnapshot:
    id: str
    customer_id: str
    status: str
    stripe_status: str
    # None only for a subscription that grants nothing any more (canceled, incomplete, ...) whose
    # product is gone or unnamed: its tier no longer matters, and it must not block the cancellation.
    tier: Tier | None
    current_period_end: datetime | None
    trial_ends_at: datetime | None
    cancel_at_period_end: bool
    organization_hint: str | None


def _id(value: Any) -> str:
    if isinstance(value, Mapping):
        return value.get("id") or ""
    return value or ""


def _product_metadata(product: Any) -> Mapping[str, str]:
    """A product's metadata: from the payload when expanded, else dj-stripe's copy, else Stripe."""
    if isinstance(product, Mapping):
        return product.get("metadata") or {}
    from djstripe.models import Product

    local = Product.objects.filter(id=product).first()
    if local is not None and local.metadata:
        return local.metadata
    from billing import stripe_api

    return stripe_api.retrieve_product(product).get("metadata") or {}


def tier_of_subscription(subscription: Mapping[str, Any]) -> Tier:
    """The highest tier named by the products of the subscription's items; loud if none or unknown."""
    tiers = []
    for item in (subscription.get("items") or {}).get("data", []):
        price = item.get("price") or item.get("plan") or {}
        tier = tier_from_metadata(_product_metadata(price.get("product")))
        if tier is not None:
            tiers.append(tier)
    if not tiers:
        raise UnknownTier(
            f"Subscription {subscription.get('id')} has no item whose Stripe product names a tier "
            "(product metadata `tier=<free|maker|pro|team>`).",
            subscription=subscription.get("id"),
        )
    return max(tiers, key=lambda t: t.rank)


def snapshot(subscription: Mapping[str, Any]) -> SubscriptionSnapshot:
    stripe_status = subscription.get("status") or ""
    if stripe_status not in STRIPE_STATUSES:
        raise ValueError(f"Unknown Stripe subscription status '{stripe_status}'")
    status = STRIPE_STATUSES[stripe_status]
    try:
        tier = tier_of_subscription(subscription)
    except (UnknownTier, stripe.InvalidRequestError):
        if status in LIVE_STATUSES:
            raise
        tier = None
    items = (subscription.get("items") or {}).get("data", [])
    # Newer API versions keep the period on each item; older ones on the subscription.
    period_ends = [i.get("current_period_end") for i in items if i.get("current_period_end")]
    period_end = subscription.get("current_period_end") or (
        max(period_ends) if period_ends else None
    )
    return SubscriptionSnapshot(
        id=subscription["id"],
        customer_id=_id(subscription.get("customer")),
        status=status,
        stripe_status=stripe_status,
        tier=tier,
        current_period_end=timestamp(period_end),
        trial_ends_at=timestamp(subscription.get("trial_end")),
        cancel_at_period_end=bool(
            subscription.get("cancel_at_period_end") or subscription.get("cancel_at")
        ),
        organization_hint=(subscription.get("metadata") or {}).get("organization_id"),
    )


def organization_id_for(*, customer_id: str, organization_hint: str | None = None) -> int | None:
    """Which organization a Stripe customer pays for: our stored id, then the metadata we set at
    checkout, then dj-stripe's subscriber link."""
    Organization = get_tenant_model()

    if customer_id:
        found = (
            Organization.objects.filter(stripe_customer_id=customer_id)
            .values_list("pk", flat=True)
            .first()
        )
        if found:
            return found
    if organization_hint and str(organization_hint).isdigit():
        hinted = Organization.objects.filter(pk=int(organization_hint)).values_list("pk", flat=True)
        if hinted:
            return hinted[0]
    if customer_id:
        from djstripe.models import Customer

        return (
            Customer.objects.filter(id=customer_id, subscriber__isnull=False)
            .values_list("subscriber_id", flat=True)
            .first()
        )
    return None


def _status_updates(org, status: str, created: datetime, event_id: str | None) -> dict[str, Any]:
    updates: dict[str, Any] = {
        "billing_status": status,
        "billing_event_at": created,
        "billing_event_id": event_id or "",
    }
    if status == BillingStatus.PAST_DUE:
        # Grace runs from the first failure, not from each retry.
        updates["past_due_since"] = org.past_due_since or created
    else:
        updates["past_due_since"] = None
    return updates


def apply_subscription(
    *,
    subscription: Mapping[str, Any],
    source: str,
    event_type: str,
    created: datetime,
    event_id: str | None = None,
) -> BillingEvent:
    """Apply a Stripe subscription object as of `created` to the organization it belongs to.

    Raises UnknownTier when its products name no declared tier (the webhook then fails with 500 and
    Stripe retries, so a misconfigured product is noticed, never silently granted).
    """
    snap = snapshot(subscription)
    organization_id = organization_id_for(
        customer_id=snap.customer_id, organization_hint=snap.organization_hint
    )

    def decide(org) -> Decision:
        if org.billing_snapshot_at and created < org.billing_snapshot_at:
            return Decision(
                Outcome.STALE,
                note=f"older than the subscription state applied at {org.billing_snapshot_at:%Y-%m-%d %H:%M:%S}",
            )
        current = org.stripe_subscription_id
        if current and current != snap.id and org.billing_status in LIVE_STATUSES:
            if snap.status not in LIVE_STATUSES:
                return Decision(
                    Outcome.IGNORED,
                    note=f"{snap.id} is {snap.stripe_status} but the live subscription is {current}",
                )
            logger.warning(
                "Organization %s has two live subscriptions (%s, %s); following the newer",
                org.pk,
                current,
                snap.id,
            )
        updates: dict[str, Any] = {
            "tier": snap.tier.key if snap.tier else org.tier,
            "stripe_subscription_id": snap.id,
            "current_period_end": snap.current_period_end,
            "trial_ends_at": snap.trial_ends_at,
            "cancel_at_period_end": snap.cancel_at_period_end,
            "billing_snapshot_at": created,
        }
        if not org.stripe_customer_id and snap.customer_id:
            updates["stripe_customer_id"] = snap.customer_id
        note = ""
        if org.billing_event_at is None or created >= org.billing_event_at:
            updates.update(_status_updates(org, snap.status, created, event_id))
        else:
            note = "status kept: a newer payment event was already applied"
        return Decision(Outcome.APPLIED, updates, note)

    return apply_change(
        organization_id=organization_id,
        source=source,
        event_type=event_type,
        decide=decide,
        stripe_event_id=event_id,
        event_created=created,
        unmatched_note=f"no organization for Stripe customer {snap.customer_id} ({snap.id})",
    )


def _invoice_subscription_id(invoice: Mapping[str, Any]) -> str:
    parent = (invoice.get("parent") or {}).get("subscription_details") or {}
    return _id(invoice.get("subscription")) or _id(parent.get("subscription"))


def apply_invoice(
    *, invoice: Mapping[str, Any], event_type: str, created: datetime, event_id: str | None = None
) -> BillingEvent:
    """invoice.paid ends a past_due spell; invoice.payment_failed starts one (and its grace)."""
    subscription_id = _invoice_subscription_id(invoice)
    customer_id = _id(invoice.get("customer"))
    organization_id = organization_id_for(customer_id=customer_id)
    paid = event_type in ("invoice.paid", "invoice.payment_succeeded")

    def decide(org) -> Decision:
        if not subscription_id or (
            org.stripe_subscription_id and subscription_id != org.stripe_subscription_id
        ):
            return Decision(Outcome.IGNORED, note="not an invoice of the current subscription")
        if org.billing_event_at and created < org.billing_event_at:
            return Decision(
                Outcome.STALE,
                note=f"older than the status applied at {org.billing_event_at:%Y-%m-%d %H:%M:%S}",
            )
        status = org.billing_status
        if paid and status == BillingStatus.PAST_DUE:
            return Decision(
                Outcome.APPLIED, _status_updates(org, BillingStatus.ACTIVE, created, event_id)
            )
        if not paid and status in (BillingStatus.ACTIVE, BillingStatus.TRIALING):
            return Decision(
                Outcome.APPLIED, _status_updates(org, BillingStatus.PAST_DUE, created, event_id)
            )
        # Nothing to change: the watermark stays, so the subscription event that does carry the
        # change is not mistaken for an older one.
        return Decision(Outcome.IGNORED, note=f"status {status} unchanged")

    return apply_change(
        organization_id=organization_id,
        source=BillingEvent.Source.WEBHOOK,
        event_type=event_type,
        decide=decide,
        stripe_event_id=event_id,
        event_created=created,
        unmatched_note=f"no organization for Stripe customer {customer_id}",
    )


def link_checkout_session(
    *, session: Mapping[str, Any], created: datetime, event_id: str | None = None
) -> BillingEvent:
    """checkout.session.completed: remember the customer and subscription Checkout created.

    The tier and status arrive with customer.subscription.created; this only links, so a lost or
    late subscription event can still be matched (and the reconciliation knows what to re-read).
    """
    reference = session.get("client_reference_id") or (session.get("metadata") or {}).get(
        "organization_id"
    )
    customer_id = _id(session.get("customer"))
    subscription_id = _id(session.get("subscription"))
    organization_id = organization_id_for(customer_id=customer_id, organization_hint=reference)

    def decide(org) -> Decision:
        if session.get("mode") != "subscription":
            return Decision(Outcome.IGNORED, note="not a subscription checkout")
        updates: dict[str, Any] = {}
        note = ""
        if customer_id and not org.stripe_customer_id:
            updates["stripe_customer_id"] = customer_id
        elif customer_id and customer_id != org.stripe_customer_id:
            note = f"checkout used customer {customer_id}, kept {org.stripe_customer_id}"
            logger.warning("Organization %s: %s", org.pk, note)
        if subscription_id and (
            not org.stripe_subscription_id or org.billing_status not in LIVE_STATUSES
        ):
            updates["stripe_subscription_id"] = subscription_id
        return Decision(Outcome.APPLIED if updates else Outcome.IGNORED, updates, note)

    return apply_change(
        organization_id=organization_id,
        source=BillingEvent.Source.WEBHOOK,
        event_type="checkout.session.completed",
        decide=decide,
        stripe_event_id=event_id,
        event_created=created,
        unmatched_note=f"no organization for checkout session {session.get('id')}",
    )
