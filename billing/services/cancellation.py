"""Cancelling a workspace's Stripe subscription at once, when the workspace is to be deleted."""

from __future__ import annotations

import logging

import stripe

from billing import stripe_api
from billing.errors import BillingError
from billing.models import BillingEvent, BillingStatus
from billing.services.state import Decision, apply_change

logger = logging.getLogger("billing")


def cancel_subscription_now(*, organization, actor=None) -> bool:
    """Cancel `organization`'s Stripe subscription immediately; True when one was cancelled,
    False when there was nothing to cancel (none, or already canceled).

    Call it before anything irreversible: it raises BillingError when Stripe cannot be reached or
    refuses (the caller then changes nothing), and StripeNotConfigured when the workspace has a
    subscription but this server has no Stripe key. A subscription Stripe no longer knows counts as
    cancelled. On success the billing state says canceled (recorded as a BillingEvent)."""
    subscription_id = organization.stripe_subscription_id
    if not subscription_id or organization.billing_status in (
        BillingStatus.CANCELED,
        BillingStatus.NONE,
    ):
        return False
    stripe_api.require_key()
    try:
        stripe_api.cancel_subscription(subscription_id)
    except stripe.InvalidRequestError as exc:
        if getattr(exc, "code", "") != "resource_missing":
            raise BillingError(
                f"Stripe refused to cancel the subscription ({exc.user_message or exc}). "
                "Nothing was changed; try again or contact support."
            ) from exc
        logger.info("Subscription %s is already gone at Stripe", subscription_id)
    except stripe.StripeError as exc:
        raise BillingError(
            "Stripe could not be reached to cancel the subscription. Nothing was changed; "
            "try again in a few minutes."
        ) from exc

    def decide(org) -> Decision:
        return Decision(
            BillingEvent.Outcome.APPLIED,
            {"billing_status": BillingStatus.CANCELED, "cancel_at_period_end": False},
            note="cancelled at once: the workspace is to be deleted",
        )

    apply_change(
        organization_id=organization.pk,
        source=BillingEvent.Source.STAFF,
        event_type="subscription.canceled_for_deletion",
        decide=decide,
        actor=actor,
    )
    return True
