"""Nightly reconciliation and the catalogue command, against Stripe faked over HTTP."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from billing.models import BillingEvent
from billing.tasks import reconcile_subscriptions
from tenants.models import Organization
from tests.billing import stripe_objects as so
from tests.billing.helpers import days_ago, set_billing


def _serve_subscriptions(fake, by_customer: dict[str, list[dict]]):
    def handler(request):
        data = by_customer.get(request.query.get("customer"), [])
        return 200, {"object": "list", "url": "/v1/subscriptions", "has_more": False, "data": data}

    fake.on("GET", "/v1/subscriptions", handler)


def _expanded(sub: dict) -> dict:
    for item in sub["items"]["data"]:
        tier = item["price"]["product"].removeprefix("prod_")
        item["price"]["product"] = so.product(tier)
    return sub


def test_skips_cleanly_without_a_stripe_key(org_a, no_stripe_keys, stripe_fake, caplog):
    set_billing(org_a, stripe_customer_id="cus_1", billing_status="active", tier="pro")
    with caplog.at_level("INFO", logger="billing"):
        assert reconcile_subscriptions.delay().get() == {"skipped": "stripe not configured"}
    assert "Stripe is not configured" in caplog.text
    assert stripe_fake.requests == []


def test_repairs_a_missed_cancellation(org_a, stripe_keys, stripe_fake):
    set_billing(
        org_a,
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
        billing_status="active",
        tier="pro",
        billing_event_at=days_ago(3),
        billing_snapshot_at=days_ago(3),
    )
    _serve_subscriptions(stripe_fake, {"cus_1": [_expanded(so.subscription(status="canceled"))]})

    summary = reconcile_subscriptions.delay().get()

    assert summary == {"checked": 1, "repaired": 1, "failed": 0}
    org = Organization.objects.get(pk=org_a.pk)
    assert org.billing_status == "canceled"
    [call] = stripe_fake.calls("GET", "/v1/subscriptions")
    assert call.query["customer"] == "cus_1"
    assert call.query["status"] == "all"
    assert call.query["expand[0]"] == "data.items.data.price.product"
    event = BillingEvent.objects.get(organization=org_a, source="reconcile")
    assert event.changes["billing_status"] == ["active", "canceled"]


def test_repairs_a_missed_subscription(org_a, stripe_keys, stripe_fake):
    set_billing(org_a, stripe_customer_id="cus_1")
    _serve_subscriptions(
        stripe_fake,
        {
            "cus_1": [
                _expanded(so.subscription(id="sub_old", status="canceled", tier="maker")),
                _expanded(so.subscription(id="sub_new", status="active", tier="team")),
            ]
        },
    )
    reconcile_subscriptions(organization_id=org_a.pk)
    org = Organization.objects.get(pk=org_a.pk)
    assert (org.tier, org.billing_status, org.stripe_subscription_id) == (
        "team",
        "active",
        "sub_new",
    )


def test_in_sync_organization_is_left_alone(org_a, stripe_keys, stripe_fake):
    sub = so.subscription(status="active", tier="pro")
    from billing.services.subscriptions import snapshot

    snap = snapshot(_expanded(so.subscription(status="active", tier="pro")))
    set_billing(
        org_a,
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
        billing_status="active",
        tier="pro",
        current_period_end=snap.current_period_end,
    )
    _serve_subscriptions(stripe_fake, {"cus_1": [_expanded(sub)]})
    assert reconcile_subscriptions()["repaired"] == 0


def test_inside_a_workspace_schema_only_that_workspace_is_read(
    org_a, org_b, stripe_keys, stripe_fake
):
    from django_tenants.utils import tenant_context

    set_billing(org_a, stripe_customer_id="cus_a")
    set_billing(org_b, stripe_customer_id="cus_b")
    _serve_subscriptions(stripe_fake, {})
    with tenant_context(org_b):
        assert reconcile_subscriptions()["checked"] == 1
    assert [c.query["customer"] for c in stripe_fake.calls("GET", "/v1/subscriptions")] == ["cus_b"]


def test_one_failure_does_not_stop_the_others(org_a, org_b, stripe_keys, stripe_fake):
    set_billing(org_a, stripe_customer_id="cus_a", billing_status="active", tier="pro")
    set_billing(org_b, stripe_customer_id="cus_b")

    def handler(request):
        if request.query["customer"] == "cus_a":
            return 400, {"error": {"type": "invalid_request_error", "message": "boom"}}
        return 200, {"object": "list", "data": [_expanded(so.subscription(customer="cus_b"))]}

    stripe_fake.on("GET", "/v1/subscriptions", handler)
    summary = reconcile_subscriptions()
    assert summary == {"checked": 2, "repaired": 1, "failed": 1}
    assert Organization.objects.get(pk=org_b.pk).billing_status == "active"


# --- sync_billing_catalog ------------------------------------------------------------------------


def _serve_catalog(fake, products, prices):
    fake.on(
        "GET",
        "/v1/products",
        {"object": "list", "url": "/v1/products", "has_more": False, "data": products},
    )
    fake.on(
        "GET",
        "/v1/prices",
        {"object": "list", "url": "/v1/prices", "has_more": False, "data": prices},
    )

    def create_product(request):
        tier = request.form["metadata[tier]"]
        return 200, so.product(tier)

    def create_price(request):
        tier = request.form["lookup_key"].split("_")[1]
        return 200, so.price(
            tier, int(request.form["unit_amount"]), product_id=request.form["product"]
        )

    fake.on("POST", "/v1/products", create_product)
    fake.on("POST", "/v1/prices", create_price)


def test_catalog_command_skips_without_a_key(db, no_stripe_keys, stripe_fake, capsys):
    call_command("sync_billing_catalog")
    assert "Stripe is not configured" in capsys.readouterr().out
    assert stripe_fake.requests == []


def test_catalog_command_reports_what_is_missing(db, stripe_keys, stripe_fake):
    _serve_catalog(stripe_fake, [so.product("maker"), so.product("pro")], [so.price("maker", 1900)])
    with pytest.raises(CommandError, match="2 tier"):
        call_command("sync_billing_catalog")
    assert stripe_fake.calls("POST") == []


def test_catalog_command_creates_what_is_missing(db, stripe_keys, stripe_fake):
    _serve_catalog(stripe_fake, [so.product("maker"), so.product("pro")], [so.price("maker", 1900)])
    call_command("sync_billing_catalog", create_missing=True)
    [product] = stripe_fake.calls("POST", "/v1/products")
    assert product.form == {"name": "BatchTrack Team", "metadata[tier]": "team"}
    prices = stripe_fake.calls("POST", "/v1/prices")
    assert [p.form for p in prices] == [
        {
            "product": "prod_pro",
            "unit_amount": "4900",
            "currency": "usd",
            "recurring[interval]": "month",
            "lookup_key": "batchtrack_pro_monthly",
            "transfer_lookup_key": "true",
        },
        {
            "product": "prod_team",
            "unit_amount": "9900",
            "currency": "usd",
            "recurring[interval]": "month",
            "lookup_key": "batchtrack_team_monthly",
            "transfer_lookup_key": "true",
        },
    ]
    from djstripe.models import Price, Product

    assert set(Product.objects.values_list("id", flat=True)) == {
        "prod_maker",
        "prod_pro",
        "prod_team",
    }
    assert Price.objects.filter(id="price_team").exists()


def test_catalog_command_fails_loudly_on_an_unknown_tier(db, stripe_keys, stripe_fake):
    _serve_catalog(stripe_fake, [so.product("platinum")], [])
    with pytest.raises(CommandError, match="'platinum' is not a declared tier"):
        call_command("sync_billing_catalog")


def test_catalog_command_fails_loudly_on_an_unknown_feature(db, stripe_keys, stripe_fake):
    _serve_catalog(stripe_fake, [so.product("pro", features="exports,teleport")], [])
    with pytest.raises(CommandError, match="'teleport' is not a declared feature"):
        call_command("sync_billing_catalog")
