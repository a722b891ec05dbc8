"""The access policy, state by state, as the workspace experiences it (middleware, banner, pages)."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from billing.errors import OverLimitReadOnly, WorkspaceReadOnly
from billing.gates import has_feature
from billing.policy import Mode, access_for, require_writable
from tenants.models import Invitation, Membership
from tenants.services.organizations import suspend_organization
from tests.billing.helpers import days_ago, days_ahead, set_billing
from tests.conftest import make_member, page_text, workspace_client


def _invite(client, email="new@example.com"):
    return client.post("/settings/members/invite/", {"email": email, "role": "viewer"})


@pytest.mark.parametrize("status", ["active", "trialing"])
def test_active_and_trialing_get_everything_the_tier_allows(org_a, owner_a, status):
    org = set_billing(org_a, tier="pro", billing_status=status, stripe_subscription_id="sub_1")
    access = access_for(org)
    assert (access.mode, access.tier.key, access.banner) == (Mode.FULL, "pro", "")
    client = workspace_client(owner_a, org)
    assert client.get("/").status_code == 200
    assert _invite(client).status_code == 302
    assert Invitation.objects.filter(email="new@example.com").exists()


def test_past_due_within_grace_keeps_working_with_a_banner(org_a, owner_a):
    org = set_billing(org_a, tier="pro", billing_status="past_due", past_due_since=days_ago(6.9))
    access = access_for(org)
    assert (access.mode, access.tier.key) == (Mode.GRACE, "pro")
    client = workspace_client(owner_a, org)
    page = page_text(client.get("/"))
    assert "We could not take the last payment for your Pro plan" in page
    assert 'href="/billing/"' in page
    assert _invite(client).status_code == 302
    assert Invitation.objects.filter(email="new@example.com").exists()


def test_past_due_after_grace_is_read_only(org_a, owner_a):
    org = set_billing(org_a, tier="pro", billing_status="past_due", past_due_since=days_ago(7.1))
    assert access_for(org).mode == Mode.READ_ONLY
    client = workspace_client(owner_a, org)
    page = client.get("/settings/members/")
    assert page.status_code == 200
    assert "this workspace is read-only" in page_text(page)

    refused = _invite(client)
    assert refused.status_code == 402
    assert "This workspace is read-only" in page_text(refused)
    assert not Invitation.objects.filter(email="new@example.com").exists()
    with pytest.raises(WorkspaceReadOnly):
        require_writable(org)


def test_read_only_workspace_can_still_export_its_data(org_a, owner_a):
    from reports.models import ExportJob

    org = set_billing(org_a, tier="pro", billing_status="past_due", past_due_since=days_ago(8))
    client = workspace_client(owner_a, org)
    response = client.post("/reports/exports/items/", {"items-format": "csv"})
    assert response.status_code != 402
    with tenant_context(org):
        assert ExportJob.objects.count() == 1


def test_read_only_members_are_told_to_ask_an_owner(org_a):
    org = set_billing(org_a, tier="pro", billing_status="past_due", past_due_since=days_ago(30))
    admin = make_member(org, "admin")
    refused = _invite(workspace_client(admin, org))
    assert refused.status_code == 402
    assert "Ask an owner" in page_text(refused)


def test_read_only_owner_can_still_reach_billing_and_sign_out(
    org_a, owner_a, stripe_fake, stripe_keys
):
    stripe_fake.on(
        "POST",
        "/v1/billing_portal/sessions",
        {
            "id": "bps_1",
            "object": "billing_portal.session",
            "url": "https://billing.stripe.com/p/1",
        },
    )
    org = set_billing(
        org_a,
        tier="pro",
        billing_status="past_due",
        past_due_since=days_ago(30),
        stripe_customer_id="cus_1",
        stripe_subscription_id="sub_1",
    )
    client = workspace_client(owner_a, org)
    overview = client.get("/billing/")
    assert overview.status_code == 200
    assert "Manage payment details" in page_text(overview)
    # The portal action is a POST and must not be blocked.
    portal = client.post("/billing/portal/")
    assert (portal.status_code, portal["Location"]) == (303, "https://billing.stripe.com/p/1")
    assert client.post("/signout/").status_code == 302


def test_payment_fixed_unlocks_at_once(org_a, owner_a):
    org = set_billing(org_a, tier="pro", billing_status="past_due", past_due_since=days_ago(30))
    assert _invite(workspace_client(owner_a, org)).status_code == 402
    org = set_billing(org, billing_status="active", past_due_since=None)
    assert _invite(workspace_client(owner_a, org)).status_code == 302


def test_canceled_returns_to_free_and_keeps_everything(org_a, owner_a):
    org = set_billing(
        org_a,
        tier="team",
        billing_status="canceled",
        current_period_end=days_ago(1),
        stripe_subscription_id="sub_1",
    )
    others = [make_member(org, "viewer") for _ in range(3)]  # 4 members, Free allows 2
    access = access_for(org)
    assert (access.mode, access.tier.key) == (Mode.FULL, "free")
    assert not has_feature(org, "exports")

    client = workspace_client(owner_a, org)
    page = page_text(client.get("/"))
    assert "Your Team subscription has ended" in page
    assert "Everything you made is kept" in page
    # Nobody is removed; nobody new can be invited beyond the Free limit.
    assert Membership.objects.filter(organization=org).count() == 4
    assert workspace_client(others[0], org).get("/").status_code == 200
    response = client.post(
        "/settings/members/invite/", {"email": "new@example.com", "role": "viewer"}, follow=True
    )
    assert "Your Free plan allows 2 members" in page_text(response)
    assert not Invitation.objects.filter(email="new@example.com").exists()


@pytest.mark.parametrize(("count", "writable"), [(50, True), (51, False)])
def test_canceled_data_over_the_free_limit_is_read_only(org_a, count, writable):
    org = set_billing(org_a, tier="pro", billing_status="canceled")
    if writable:
        require_writable(org, limit="items", current=count)
        return
    with pytest.raises(OverLimitReadOnly) as refused:
        require_writable(org, limit="items", current=count)
    assert refused.value.code == "OVER_LIMIT"
    assert refused.value.message == (
        "Your Free plan allows 50 inventory items and this workspace has 51, so they are "
        "read-only. Upgrade to Maker on the Billing page to edit them again; nothing has been "
        "deleted."
    )


def test_canceled_banner_fades_after_two_weeks(org_a, owner_a):
    org = set_billing(org_a, tier="pro", billing_status="canceled", current_period_end=days_ago(15))
    assert access_for(org).banner == ""


def test_suspended_workspace_is_blocked_but_owner_reaches_billing(org_a, owner_a):
    suspend_organization(organization=org_a, reason="abuse")
    org_a.refresh_from_db()
    assert access_for(org_a).mode == Mode.BLOCKED
    client = workspace_client(owner_a, org_a)
    blocked = client.get("/")
    assert blocked.status_code == 403
    assert "is suspended" in page_text(blocked)
    assert 'href="/billing/"' in page_text(blocked)
    billing = client.get("/billing/")
    assert billing.status_code == 200
    assert "suspended by BatchTrack staff" in page_text(billing)
    # ...but cannot start a new subscription there.
    response = client.post("/billing/checkout/", {"tier": "pro"}, follow=True)
    assert "suspended" in page_text(response)


def test_suspended_workspace_billing_is_not_open_to_other_roles(org_a):
    suspend_organization(organization=org_a)
    admin = make_member(org_a, "admin")
    response = workspace_client(admin, org_a).get("/billing/")
    assert response.status_code == 403
    assert "is suspended" in page_text(response)
    assert 'href="/billing/"' not in page_text(response)


def test_complimentary_tier_applies_until_its_end(org_a):
    org = set_billing(
        org_a,
        billing_status="canceled",
        complimentary_tier="pro",
        complimentary_until=days_ahead(3),
    )
    assert (access_for(org).tier.key, access_for(org).complimentary) == ("pro", True)
    assert has_feature(org, "traceability_reports")
    org = set_billing(org, complimentary_until=days_ago(0.01))
    assert access_for(org).tier.key == "free"


def test_complimentary_tier_overrides_payment_trouble(org_a):
    org = set_billing(
        org_a,
        tier="maker",
        billing_status="past_due",
        past_due_since=days_ago(30),
        complimentary_tier="pro",
    )
    access = access_for(org)
    assert (access.mode, access.tier.key) == (Mode.FULL, "pro")


def test_higher_paid_tier_wins_over_a_lower_complimentary_one(org_a):
    org = set_billing(org_a, tier="team", billing_status="active", complimentary_tier="maker")
    assert access_for(org).tier.key == "team"


@pytest.mark.parametrize(
    "state",
    [
        {"billing_status": "none"},
        {"billing_status": "active", "tier": "pro"},
        {"billing_status": "past_due", "tier": "pro", "past_due_since": None},
        {"billing_status": "canceled", "tier": "pro"},
    ],
)
def test_no_state_redirects_the_owner_away_from_billing(org_a, owner_a, state):
    if state.get("billing_status") == "past_due":
        state = {**state, "past_due_since": days_ago(40)}
    org = set_billing(org_a, **state)
    client = workspace_client(owner_a, org)
    assert client.get("/billing/").status_code == 200
    assert client.get("/").status_code == 200
