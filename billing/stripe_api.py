"""The few Stripe API calls BatchTrack makes itself, through stripe-python's global client.

Nothing here runs in a gate: only the upgrade and portal actions, webhook processing, the nightly
reconciliation and the catalogue command call Stripe. Tests replace `stripe.default_http_client`, so
every call below goes through it. Results come back as plain dicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import stripe
from django.conf import settings

from billing.errors import BillingError, StripeNotConfigured

NOT_CONFIGURED = (
    "Online payments are not set up on this server (no Stripe secret key), so the workspace stays "
    "on its current plan. The Free plan works fully without Stripe."
)


def secret_key() -> str:
    from djstripe.settings import djstripe_settings

    return djstripe_settings.STRIPE_SECRET_KEY or ""


def is_configured() -> bool:
    return bool(secret_key())


def livemode() -> bool:
    return bool(settings.STRIPE_LIVE_MODE)


def require_key() -> str:
    key = secret_key()
    if not key:
        raise StripeNotConfigured(NOT_CONFIGURED)
    return key


def _plain(obj: Any) -> dict:
    # for_json: decimals as strings, so the result can be stored in dj-stripe's JSON columns.
    return obj.to_dict(for_json=True) if hasattr(obj, "to_dict") else dict(obj)


def price_for_lookup_key(lookup_key: str) -> dict:
    prices = stripe.Price.list(
        lookup_keys=[lookup_key], active=True, limit=1, api_key=require_key()
    )
    data = _plain(prices).get("data", [])
    if not data:
        raise BillingError(
            f"Stripe has no active price with the lookup key '{lookup_key}'. Run "
            "`manage.py sync_billing_catalog --create-missing` to create it.",
            lookup_key=lookup_key,
        )
    return data[0]


def create_customer(*, email: str, name: str, metadata: Mapping[str, str]) -> dict:
    # stripe-python adds an idempotency key to retried POSTs itself.
    return _plain(
        stripe.Customer.create(
            email=email or None, name=name, metadata=dict(metadata), api_key=require_key()
        )
    )


def create_checkout_session(**params: Any) -> dict:
    return _plain(stripe.checkout.Session.create(api_key=require_key(), **params))


def create_portal_session(*, customer: str, return_url: str) -> dict:
    return _plain(
        stripe.billing_portal.Session.create(
            customer=customer, return_url=return_url, api_key=require_key()
        )
    )


def retrieve_product(product_id: str) -> dict:
    return _plain(stripe.Product.retrieve(product_id, api_key=require_key()))


def list_subscriptions(customer_id: str) -> list[dict]:
    """The customer's subscriptions (any status, newest first), prices and products expanded."""
    result = stripe.Subscription.list(
        customer=customer_id,
        status="all",
        limit=10,
        expand=["data.items.data.price.product"],
        api_key=require_key(),
    )
    return _plain(result).get("data", [])


def cancel_subscription(subscription_id: str) -> dict:
    """Cancel the subscription now (not at the period's end): DELETE /v1/subscriptions/<id>."""
    return _plain(stripe.Subscription.cancel(subscription_id, api_key=require_key()))


def list_products() -> list[dict]:
    return [
        _plain(p)
        for p in stripe.Product.list(
            active=True, limit=100, api_key=require_key()
        ).auto_paging_iter()
    ]


def list_prices() -> list[dict]:
    return [
        _plain(p)
        for p in stripe.Price.list(active=True, limit=100, api_key=require_key()).auto_paging_iter()
    ]


def create_product(*, name: str, metadata: Mapping[str, str], idempotency_key: str) -> dict:
    return _plain(
        stripe.Product.create(
            name=name,
            metadata=dict(metadata),
            idempotency_key=idempotency_key,
            api_key=require_key(),
        )
    )


def create_price(
    *, product: str, unit_amount: int, lookup_key: str, idempotency_key: str, currency: str = "usd"
) -> dict:
    return _plain(
        stripe.Price.create(
            product=product,
            unit_amount=unit_amount,
            currency=currency,
            recurring={"interval": "month"},
            lookup_key=lookup_key,
            transfer_lookup_key=True,
            idempotency_key=idempotency_key,
            api_key=require_key(),
        )
    )


def retrieve_account(*, timeout: float) -> dict:
    """The account the secret key belongs to (GET /v1/account): proof that the key works. At most
    `timeout` seconds and no retries (it answers a staff page). The global client is used when one
    is installed (tests install a fake); otherwise a client with the short timeout."""
    client = stripe.default_http_client or stripe.new_default_http_client(timeout=timeout)
    api = stripe.StripeClient(require_key(), http_client=client, max_network_retries=0)
    return _plain(api.v1.accounts.retrieve_current())
