"""Billing fixtures: Stripe faked at the HTTP-client layer for every billing test (no network, ever),
test keys on demand, a local dj-stripe webhook endpoint and a helper that posts signed events."""

from __future__ import annotations

import pytest
import stripe

from tests.billing import stripe_objects as so
from tests.billing.stripe_fake import FakeStripe
from tests.conftest import public_client

TEST_SECRET_KEY = "sk_test_" + "b" * 32
WEBHOOK_SECRET = "whsec_test_secret_0123456789"


@pytest.fixture(autouse=True)
def stripe_fake():
    previous = stripe.default_http_client
    fake = FakeStripe()
    fake.put("/v1/account", so.ACCOUNT)
    for tier, amount in (("maker", 1900), ("pro", 4900), ("team", 9900)):
        fake.put(f"/v1/products/prod_{tier}", so.product(tier))
        fake.put(
            f"/v1/products/prod_{tier}/features",
            so.empty_list(f"/v1/products/prod_{tier}/features"),
        )
        fake.put(f"/v1/prices/price_{tier}", so.price(tier, amount))
    stripe.default_http_client = fake
    yield fake
    stripe.default_http_client = previous


@pytest.fixture
def no_stripe_keys(settings):
    settings.STRIPE_TEST_SECRET_KEY = ""
    settings.STRIPE_LIVE_SECRET_KEY = ""
    settings.STRIPE_LIVE_MODE = False


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_TEST_SECRET_KEY = TEST_SECRET_KEY
    settings.STRIPE_LIVE_MODE = False


@pytest.fixture
def webhook_endpoint(db, stripe_keys):
    from djstripe.models import WebhookEndpoint

    return WebhookEndpoint.objects.create(
        id="we_test",
        secret=WEBHOOK_SECRET,
        livemode=False,
        url="https://localhost/stripe/webhook/",
        enabled_events=["*"],
        status="enabled",
        api_version=stripe.api_version,
    )


@pytest.fixture
def send_event(webhook_endpoint):
    """POST a signed event to dj-stripe's real endpoint on the public host; returns the response."""
    client = public_client()

    def send(event: dict, *, secret: str = WEBHOOK_SECRET, **headers):
        payload = so.dumps(event)
        return client.post(
            f"/stripe/webhook/{webhook_endpoint.djstripe_uuid}/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=so.signature_header(payload, secret),
            **headers,
        )

    return send


@pytest.fixture
def customer(org_a, stripe_keys):
    """org_a as a Stripe customer `cus_1`, as checkout would have left it."""
    from djstripe.models import Customer

    from tenants.models import Organization

    Organization.objects.filter(pk=org_a.pk).update(stripe_customer_id="cus_1")
    Customer.objects.create(id="cus_1", subscriber=org_a, livemode=False)
    org_a.refresh_from_db()
    return org_a
