"""Re-read an organization's subscription from Stripe and repair what the webhooks missed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from billing import stripe_api
from billing.models import LIVE_STATUSES, BillingEvent, BillingStatus
from billing.services.state import Decision, apply_change, logger
from billing.services.subscriptions import STRIPE_STATUSES, apply_subscription

RECONCILE_EVENT = "reconcile.subscription"
_BOOKKEEPING = frozenset({"billing_event_at", "billing_event_id", "billing_snapshot_at"})


def drift_of(event: BillingEvent | None) -> dict:
    """The fields a reconciliation actually corrected (ordering bookkeeping aside)."""
    if event is None:
        return {}
    return {k: v for k, v in event.changes.items() if k not in _BOOKKEEPING}


def _pick(subscriptions: list[dict[str, Any]], current_id: str) -> dict[str, Any] | None:
    """The subscription that decides the organization's state: a live one (the current one first,
    else the newest), otherwise the current one, otherwise the newest."""
    live = [s for s in subscriptions if STRIPE_STATUSES.get(s.get("status", "")) in LIVE_STATUSES]
    by_newest = sorted(live, key=lambda s: s.get("created") or 0, reverse=True)
    for candidates in (by_newest, subscriptions):
        for sub in candidates:
            if sub.get("id") == current_id:
                return sub
        if candidates:
            return max(candidates, key=lambda s: s.get("created") or 0)
    return None


def reconcile_organization(*, organization, now: datetime | None = None) -> BillingEvent | None:
    """Apply Stripe's current subscription state, read now, to `organization`.

    Returns the BillingEvent (its `changes` are the drift repaired), or None when the organization
    has no Stripe customer. Calls Stripe; raises StripeNotConfigured without a key.
    """
    if not organization.stripe_customer_id:
        return None
    now = now or timezone.now()
    subscriptions = stripe_api.list_subscriptions(organization.stripe_customer_id)
    chosen = _pick(subscriptions, organization.stripe_subscription_id)
    if chosen is None:

        def decide(org) -> Decision:
            if org.billing_status not in LIVE_STATUSES:
                return Decision(BillingEvent.Outcome.IGNORED, note="no subscription in Stripe")
            return Decision(
                BillingEvent.Outcome.APPLIED,
                {
                    "billing_status": BillingStatus.CANCELED,
                    "past_due_since": None,
                    "billing_event_at": now,
                    "billing_event_id": "",
                    "billing_snapshot_at": now,
                },
                note="Stripe has no subscription for this customer",
            )

        event = apply_change(
            organization_id=organization.pk,
            source=BillingEvent.Source.RECONCILE,
            event_type=RECONCILE_EVENT,
            decide=decide,
            event_created=now,
        )
    else:
        event = apply_subscription(
            subscription=chosen,
            source=BillingEvent.Source.RECONCILE,
            event_type=RECONCILE_EVENT,
            created=now,
        )
    if drift := drift_of(event):
        logger.warning("Repaired billing drift for organization %s: %s", organization.pk, drift)
    return event
