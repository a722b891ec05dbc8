"""Billing page, Checkout and billing portal sessions (request bodies asserted on the fake)."""

from __future__ import annotations

import pytest

from billing.models import BillingEvent
from tenants.models import Organization
from tests.billing import stripe_objects as so
from tests.billing.helpers import set_billing
from tests.conftest import make_member, page_text, workspace_client

CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_1"
PORTAL_URL = "https://billing.stripe.com/p/session/test_1"


@pytest.fixture
def checkout_api(stripe_fake, stripe_keys):
    def prices(request):
        key = request.query.get("lookup_keys[0]")
        tier = key.split("_")[1]
        amounts = {"maker": 1900, "pro": 4900, "team": 9900}
        return 200, {
            "object": "list",
            "url": "/v1/prices",
            "has_more": False,
            "data": [so.price(tier, amounts[tier])],
        }

    stripe_fake.on("GET", "/v1/prices", prices)
    stripe_fake.on(
        "POST",
        "/v1/customers",
        lambda r: (
            200,
            {
                "id": "cus_new",
                "object": "customer",
                "email": r.form.get("email"),
                "livemode": False,
                "metadata": {},
            },
        ),
    )
    stripe_fake.on(
        "POST",
        "/v1/checkout/sessions",
        {"id": "cs_test_1", "object": "checkout.session", "url": CHECKOUT_URL},
    )
    stripe_fake.on(
        "POST",
        "/v1/billing_portal/sessions",
        {"id": "bps_1", "object": "billing_portal.session", "url": PORTAL_URL},
    )
    return stripe_fake


def test_billing_page_shows_plan_status_renewal_and_usage(org_a, owner_a, stripe_fake):
    org = set_billing(
        org_a,
        tier="maker",
        billing_status="active",
        stripe_subscription_id="sub_1",
        current_period_end="2031-03-04T00:00:00Z",
    )
    make_member(org, "viewer")
    page = page_text(workspace_client(owner_a, org).get("/billing/"))
    assert "Your plan: Maker" in page
    assert "Active" in page
    assert "Renews on" in page and "March 4, 2031" in page
    assert "Members</th>" in page
    assert "<td>2</td>" in page and "<td>5</td>" in page  # 2 of 5 members
    assert stripe_fake.requests == []  # the page itself never calls Stripe


def test_billing_is_for_owners_only(org_a):
    admin = make_member(org_a, "admin")
    assert workspace_client(admin, org_a).get("/billing/").status_code == 403


def test_nav_links_billing_for_owners(org_a, owner_a):
    assert 'href="/billing/"' in page_text(workspace_client(owner_a, org_a).get("/"))
    viewer = make_member(org_a, "viewer")
    assert 'href="/billing/"' not in page_text(workspace_client(viewer, org_a).get("/"))


def test_free_tier_works_with_no_stripe_keys(org_a, owner_a, no_stripe_keys, stripe_fake):
    client = workspace_client(owner_a, org_a)
    page = page_text(client.get("/billing/"))
    assert "Your plan: Free" in page
    assert "Online payments are not set up on this server" in page
    assert "Start free trial" not in page  # no dead buttons
    response = client.post("/billing/checkout/", {"tier": "pro"}, follow=True)
    assert "Online payments are not set up on this server" in page_text(response)
    assert client.get("/").status_code == 200
    assert stripe_fake.requests == []
    assert Organization.objects.get(pk=org_a.pk).stripe_customer_id == ""


def test_first_checkout_creates_customer_and_session_with_trial(org_a, owner_a, checkout_api):
    org_a = set_billing(org_a, email="billing@acme.test")
    client = workspace_client(owner_a, org_a)
    response = client.post("/billing/checkout/", {"tier": "pro"})
    assert (response.status_code, response["Location"]) == (303, CHECKOUT_URL)

    [customer_call] = checkout_api.calls("POST", "/v1/customers")
    assert customer_call.form["email"] == "billing@acme.test"
    assert customer_call.form["name"] == "Acme Soap Works"
    assert customer_call.form["metadata[djstripe_subscriber]"] == str(org_a.pk)
    assert customer_call.form["metadata[organization_id]"] == str(org_a.pk)

    [price_call] = checkout_api.calls("GET", "/v1/prices")
    assert price_call.query["lookup_keys[0]"] == "batchtrack_pro_monthly"

    [session] = checkout_api.calls("POST", "/v1/checkout/sessions")
    assert session.form == {
        "mode": "subscription",
        "customer": "cus_new",
        "client_reference_id": str(org_a.pk),
        "line_items[0][price]": "price_pro",
        "line_items[0][quantity]": "1",
        "success_url": "http://acme.localhost/billing/success/?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://acme.localhost/billing/cancel/",
        "metadata[organization_id]": str(org_a.pk),
        "metadata[tier]": "pro",
        "subscription_data[metadata][organization_id]": str(org_a.pk),
        "subscription_data[metadata][tier]": "pro",
        "subscription_data[trial_period_days]": "14",
        "allow_promotion_codes": "true",
    }
    org = Organization.objects.get(pk=org_a.pk)
    assert org.stripe_customer_id == "cus_new"
    from djstripe.models import Customer

    assert Customer.objects.get(id="cus_new").subscriber_id == org_a.pk


def test_later_checkout_reuses_the_customer_and_has_no_trial(org_a, owner_a, checkout_api):
    org = set_billing(
        org_a,
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_old",
        billing_status="canceled",
    )
    response = workspace_client(owner_a, org).post("/billing/checkout/", {"tier": "maker"})
    assert response.status_code == 303
    assert checkout_api.calls("POST", "/v1/customers") == []
    [session] = checkout_api.calls("POST", "/v1/checkout/sessions")
    assert session.form["customer"] == "cus_1"
    assert session.form["line_items[0][price]"] == "price_maker"
    assert "subscription_data[trial_period_days]" not in session.form


def test_checkout_is_refused_while_a_subscription_is_live(org_a, owner_a, checkout_api):
    org = set_billing(
        org_a,
        tier="maker",
        billing_status="active",
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
    )
    response = workspace_client(owner_a, org).post(
        "/billing/checkout/", {"tier": "pro"}, follow=True
    )
    assert "already has a Maker subscription" in page_text(response)
    assert checkout_api.calls("POST", "/v1/checkout/sessions") == []


@pytest.mark.parametrize("tier", ["free", "gold", ""])
def test_checkout_refuses_a_tier_that_cannot_be_bought(org_a, owner_a, checkout_api, tier):
    response = workspace_client(owner_a, org_a).post(
        "/billing/checkout/", {"tier": tier}, follow=True
    )
    assert response.status_code == 200
    assert checkout_api.calls("POST", "/v1/checkout/sessions") == []


def test_stripe_failure_is_explained_and_changes_nothing(org_a, owner_a, checkout_api):
    checkout_api.on(
        "POST",
        "/v1/checkout/sessions",
        lambda r: (400, {"error": {"type": "invalid_request_error", "message": "No such price"}}),
    )
    response = workspace_client(owner_a, org_a).post(
        "/billing/checkout/", {"tier": "pro"}, follow=True
    )
    assert "Stripe could not complete this just now" in page_text(response)


def test_portal_session_for_the_organizations_customer(org_a, owner_a, checkout_api):
    org = set_billing(
        org_a,
        tier="pro",
        billing_status="active",
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
    )
    response = workspace_client(owner_a, org).post("/billing/portal/")
    assert (response.status_code, response["Location"]) == (303, PORTAL_URL)
    [call] = checkout_api.calls("POST", "/v1/billing_portal/sessions")
    assert call.form == {"customer": "cus_1", "return_url": "http://acme.localhost/billing/"}


def test_portal_without_a_customer_explains(org_a, owner_a, checkout_api):
    response = workspace_client(owner_a, org_a).post("/billing/portal/", follow=True)
    assert "There is no subscription to manage yet" in page_text(response)
    assert checkout_api.calls("POST", "/v1/billing_portal/sessions") == []


def test_stripe_sessions_are_rate_limited_per_member(org_a, owner_a, checkout_api, monkeypatch):
    from batchtrack.ratelimits import LIMITS, Limit, Rule

    limit = LIMITS["billing_sessions"]
    monkeypatch.setitem(
        LIMITS, "billing_sessions", Limit(limit.description, (Rule("2/h", "user", True),))
    )
    org = set_billing(org_a, tier="pro", billing_status="active", stripe_customer_id="cus_1")
    client = workspace_client(owner_a, org)
    assert [client.post("/billing/portal/").status_code for _ in range(2)] == [303, 303]
    refused = client.post("/billing/portal/")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert client.post("/billing/checkout/", {"tier": "team"}).status_code == 429
    assert len(checkout_api.calls("POST", "/v1/billing_portal/sessions")) == 2


def test_success_and_cancel_pages(org_a, owner_a):
    client = workspace_client(owner_a, org_a)
    assert "Thank you" in page_text(client.get("/billing/success/?session_id=cs_test_1"))
    assert "nothing was charged" in page_text(client.get("/billing/cancel/"))


def test_customer_is_created_once(org_a, owner_a, checkout_api):
    client = workspace_client(owner_a, org_a)
    client.post("/billing/checkout/", {"tier": "pro"})
    client.post("/billing/checkout/", {"tier": "team"})
    assert len(checkout_api.calls("POST", "/v1/customers")) == 1
    assert (
        BillingEvent.objects.filter(organization=org_a, event_type="customer.create").count() == 1
    )


def test_billing_page_counts_inventory_items(org_a, owner_a, in_workspace):
    from billing.tiers import TIERS
    from billing.usage import usage_for
    from inventory.services import create_item

    with in_workspace(org_a):
        for name in ("Olive oil", "Lye"):
            create_item(organization=org_a, name=name, stock_unit="g", kind="ingredient")
        items = {u.limit: u for u in usage_for(org_a, TIERS["free"])}["items"]
    assert items.used == 2


def test_plan_cards_sell_only_what_is_built(org_a, owner_a):
    page = page_text(workspace_client(owner_a, org_a).get("/billing/"))
    assert "Alerts and digest emails before lots expire" in page
    assert "Lot traceability reports for recalls" in page
    assert "API access" in page  # built (issue 16): the plans that include it say so
    assert "Custom roles" not in page
