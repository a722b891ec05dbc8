"""Stripe JSON objects (as the API would send them) for the fake and for webhook payloads."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time

import stripe

NOW = int(time.time())
DAY = 24 * 3600
_ids = itertools.count(1)

ACCOUNT = {
    "id": "acct_test",
    "object": "account",
    "type": "standard",
    "charges_enabled": True,
    "country": "US",
    "default_currency": "usd",
    "details_submitted": True,
    "email": "owner@example.com",
    "payouts_enabled": True,
    "settings": {"dashboard": {"display_name": "BatchTrack"}, "branding": {}},
    "business_profile": {"name": "BatchTrack"},
    "metadata": {},
}


def customer(id: str) -> dict:
    return {
        "id": id,
        "object": "customer",
        "metadata": {},
        "livemode": False,
        "invoice_settings": {},
    }


def empty_list(url: str) -> dict:
    return {"object": "list", "data": [], "has_more": False, "url": url}


def product(tier: str | None, *, id: str | None = None, **metadata) -> dict:
    meta = {"tier": tier, **metadata} if tier else dict(metadata)
    return {
        "id": id or f"prod_{tier}",
        "object": "product",
        "active": True,
        "name": f"BatchTrack {tier or 'add-on'}",
        "metadata": meta,
        "created": NOW - 30 * DAY,
        "livemode": False,
        "type": "service",
        "images": [],
        "marketing_features": [],
        "attributes": [],
        "updated": NOW - 30 * DAY,
    }


def price(tier: str, amount: int, *, id: str | None = None, product_id: str | None = None) -> dict:
    return {
        "id": id or f"price_{tier}",
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "currency": "usd",
        "lookup_key": f"batchtrack_{tier}_monthly",
        "product": product_id or f"prod_{tier}",
        "recurring": {"interval": "month", "interval_count": 1, "usage_type": "licensed"},
        "type": "recurring",
        "unit_amount": amount,
        "unit_amount_decimal": str(amount),
        "created": NOW - 30 * DAY,
        "livemode": False,
        "metadata": {},
        "nickname": None,
        "tax_behavior": "unspecified",
    }


def subscription(
    *,
    id: str = "sub_1",
    customer: str = "cus_1",
    status: str = "active",
    tier: str = "pro",
    period_end: int | None = None,
    trial_end: int | None = None,
    cancel_at_period_end: bool = False,
    metadata: dict | None = None,
) -> dict:
    period_end = period_end or NOW + 30 * DAY
    return {
        "id": id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "created": NOW - DAY,
        "start_date": NOW - DAY,
        "billing_cycle_anchor": NOW - DAY,
        "cancel_at_period_end": cancel_at_period_end,
        "cancel_at": period_end if cancel_at_period_end else None,
        "canceled_at": NOW if status == "canceled" else None,
        "ended_at": NOW if status == "canceled" else None,
        "trial_start": NOW - DAY if trial_end else None,
        "trial_end": trial_end,
        "collection_method": "charge_automatically",
        "currency": "usd",
        "livemode": False,
        "metadata": metadata or {},
        "default_payment_method": None,
        "latest_invoice": None,
        "pending_setup_intent": None,
        "schedule": None,
        "discounts": [],
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{id}",
                    "object": "subscription_item",
                    "created": NOW - DAY,
                    "current_period_start": period_end - 30 * DAY,
                    "current_period_end": period_end,
                    "metadata": {},
                    "price": price(tier, 4900),
                    "quantity": 1,
                    "subscription": id,
                    "discounts": [],
                    "tax_rates": [],
                }
            ],
            "has_more": False,
            "total_count": 1,
            "url": f"/v1/subscription_items?subscription={id}",
        },
    }


def invoice(
    *, id: str | None = None, customer: str = "cus_1", subscription: str = "sub_1", paid: bool
) -> dict:
    return {
        "id": id or f"in_{next(_ids)}",
        "object": "invoice",
        "customer": customer,
        "status": "paid" if paid else "open",
        "amount_due": 4900,
        "amount_paid": 4900 if paid else 0,
        "amount_remaining": 0 if paid else 4900,
        "currency": "usd",
        "created": NOW,
        "livemode": False,
        "metadata": {},
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": subscription, "metadata": {}},
        },
        "lines": {"object": "list", "data": [], "has_more": False, "url": "/v1/invoices/x/lines"},
    }


def checkout_session(
    *, organization_id: int, customer: str = "cus_1", subscription: str = "sub_1"
) -> dict:
    return {
        "id": f"cs_test_{next(_ids)}",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "payment_status": "paid",
        "client_reference_id": str(organization_id),
        "customer": customer,
        "subscription": subscription,
        "metadata": {"organization_id": str(organization_id), "tier": "pro"},
        "livemode": False,
        "created": NOW,
        "url": None,
    }


def event(type: str, obj: dict, *, created: int, id: str | None = None) -> dict:
    return {
        "id": id or f"evt_{next(_ids)}",
        "object": "event",
        "api_version": stripe.api_version,
        "created": created,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type,
    }


def signature_header(payload: str, secret: str, timestamp: int | None = None) -> str:
    timestamp = timestamp or int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def dumps(obj: dict) -> str:
    return json.dumps(obj)
