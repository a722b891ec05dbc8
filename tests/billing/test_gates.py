"""Feature and limit gates, and `can` = role AND tier."""

from __future__ import annotations

import pytest

from batchtrack.access import can, check_member_limit
from billing.errors import LimitReached, UnknownFeature, UnknownLimit, WorkspaceReadOnly
from billing.gates import check_limit, has_feature
from billing.tiers import LIMITS, TIERS
from tenants.models import Invitation, Membership
from tests.billing.helpers import days_ago, days_ahead, set_billing
from tests.conftest import make_member, page_text, workspace_client

BOUNDARIES = [
    (tier.key, limit, tier.limits[limit])
    for tier in TIERS.values()
    for limit in LIMITS
    if tier.limits[limit] is not None
]


def _on(org, tier: str, status: str = "active"):
    if tier == "free":
        return set_billing(org, tier="free", billing_status="none")
    return set_billing(org, tier=tier, billing_status=status, stripe_subscription_id="sub_1")


@pytest.mark.parametrize(("tier", "limit", "allowed"), BOUNDARIES)
def test_each_limit_holds_at_its_boundary(org_a, tier, limit, allowed):
    org = _on(org_a, tier)
    check_limit(organization=org, limit=limit, current=allowed - 1)
    with pytest.raises(LimitReached) as refused:
        check_limit(organization=org, limit=limit, current=allowed)
    assert refused.value.code == "LIMIT_REACHED"
    assert refused.value.details["limit"] == limit
    assert refused.value.details["allowed"] == allowed
    assert f"allows {allowed} " in refused.value.message


def test_adding_several_counts_all_of_them(org_a):
    org = _on(org_a, "free")
    check_limit(organization=org, limit="recipes", current=7, adding=3)
    with pytest.raises(LimitReached):
        check_limit(organization=org, limit="recipes", current=7, adding=4)


def test_limit_message_names_the_limit_and_how_to_raise_it(org_a):
    with pytest.raises(LimitReached) as refused:
        check_limit(organization=_on(org_a, "free"), limit="members", current=2)
    assert refused.value.message == (
        "Your Free plan allows 2 members. Upgrade to Maker for up to 5 on the Billing page."
    )


def test_limit_message_for_an_unlimited_next_tier(org_a):
    with pytest.raises(LimitReached) as refused:
        check_limit(organization=_on(org_a, "pro"), limit="items", current=5000)
    assert refused.value.message == (
        "Your Pro plan allows 5000 inventory items. "
        "Upgrade to Team for unlimited inventory items on the Billing page."
    )


def test_limit_message_on_the_top_tier(org_a):
    with pytest.raises(LimitReached) as refused:
        check_limit(organization=_on(org_a, "team"), limit="members", current=50)
    assert "Contact BatchTrack support" in refused.value.message


def test_team_has_no_item_limit(org_a):
    check_limit(organization=_on(org_a, "team"), limit="items", current=10**6)


def test_unknown_limit_and_feature_fail_loudly(org_a):
    with pytest.raises(UnknownLimit):
        check_limit(organization=org_a, limit="widgets", current=0)
    with pytest.raises(UnknownFeature):
        has_feature(org_a, "teleport")


def test_read_only_workspace_refuses_additions(org_a):
    org = set_billing(org_a, tier="pro", billing_status="past_due", past_due_since=days_ago(8))
    with pytest.raises(WorkspaceReadOnly):
        check_limit(organization=org, limit="items", current=0)


@pytest.mark.parametrize(
    ("tier", "feature", "expected"),
    [
        ("free", "fifo_costing", True),
        ("free", "exports", False),
        ("maker", "exports", True),
        ("maker", "traceability_reports", False),
        ("pro", "traceability_reports", True),
        ("pro", "custom_roles", False),
        ("team", "custom_roles", True),
    ],
)
def test_features_follow_the_tier(org_a, tier, feature, expected):
    assert has_feature(_on(org_a, tier), feature) is expected


def test_tier_field_alone_grants_nothing_without_a_live_subscription(org_a):
    org = set_billing(org_a, tier="team", billing_status="canceled")
    assert not has_feature(org, "exports")


def test_gates_read_only_the_organization_row(org_a, django_assert_num_queries, stripe_fake):
    org = _on(org_a, "pro")
    with django_assert_num_queries(0):
        assert has_feature(org, "api")
        check_limit(organization=org, limit="items", current=3)
    assert stripe_fake.requests == []


# --- members, through real invitations --------------------------------------------------------


def _invite(client, email):
    return client.post("/settings/members/invite/", {"email": email, "role": "viewer"}, follow=True)


def test_member_limit_counts_members_and_pending_invitations(org_a, owner_a):
    client = workspace_client(owner_a, org_a)
    assert "Invitation sent" in page_text(_invite(client, "second@example.com"))
    response = _invite(client, "third@example.com")
    assert (
        "Your Free plan allows 2 members. Upgrade to Maker for up to 5 on the Billing page."
        in page_text(response)
    )
    assert not Invitation.objects.filter(email="third@example.com").exists()


def test_member_limit_rises_with_the_tier(org_a, owner_a):
    _on(org_a, "maker")
    for _ in range(3):
        make_member(org_a, "viewer")
    client = workspace_client(owner_a, org_a)  # 4 members: one seat left of 5
    assert "Invitation sent" in page_text(_invite(client, "fifth@example.com"))
    assert "allows 5 members" in page_text(_invite(client, "sixth@example.com"))


def test_revoked_and_expired_invitations_free_their_seat(org_a, owner_a):
    Invitation.objects.create(
        organization=org_a,
        email="gone@example.com",
        role="viewer",
        token_hash="a" * 64,
        expires_at=days_ago(1),
    )
    Invitation.objects.create(
        organization=org_a,
        email="revoked@example.com",
        role="viewer",
        token_hash="b" * 64,
        expires_at=days_ahead(3),
        revoked_at=days_ago(0.1),
    )
    check_member_limit(org_a)  # 1 member, nothing pending


def test_member_limit_service_refusal_changes_nothing(org_a, owner_a):
    from tenants.services.memberships import invite_member

    make_member(org_a, "viewer")
    with pytest.raises(LimitReached):
        invite_member(organization=org_a, email="x@example.com", role="viewer", invited_by=owner_a)
    assert Invitation.objects.filter(organization=org_a).count() == 0
    assert Membership.objects.filter(organization=org_a).count() == 2


# --- can = role AND tier -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "tier", "permission", "expected"),
    [
        ("owner", "free", "reports.export", False),  # role yes, tier no
        ("owner", "maker", "reports.export", True),
        ("viewer", "maker", "reports.export", False),  # tier yes, role no
        ("viewer", "maker", "traceability.view", False),
        ("viewer", "pro", "traceability.view", True),
        ("owner", "free", "billing.manage", True),  # never tier-gated
        ("production", "free", "batches.run", True),  # day-to-day work is never tier-gated
        ("viewer", "team", "inventory.adjust", False),
    ],
)
def test_can_is_role_and_tier(org_a, role, tier, permission, expected):
    org = _on(org_a, tier)
    user = make_member(org, role)
    assert can(user, org, permission) is expected


def test_template_tag_and_view_ask_the_same_question(org_a, owner_a):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.tenant = org_a
    request.user = owner_a
    request.membership = Membership.objects.get(user=owner_a, organization=org_a)
    template = Template(
        '{% load billing_tags workspace %}{% can "reports.export" as ok %}{{ ok }}|'
        '{% has_feature "exports" as on %}{{ on }}|{% upgrade_prompt "exports" %}'
    )
    text = template.render(Context({"request": request}))
    assert text.startswith("False|False|")
    assert "CSV and Excel exports" in text and "Maker plan and up" in text
    assert 'href="/billing/"' in text


def test_gates_accept_the_tenant_stand_in_of_schema_context(org_a):
    """Services often pass `connection.tenant`; under schema_context that is a stand-in object."""
    from django.db import connection
    from django_tenants.utils import schema_context

    _on(org_a, "maker")
    with schema_context(org_a.schema_name):
        assert has_feature(connection.tenant, "exports")
        with pytest.raises(LimitReached):
            check_limit(organization=connection.tenant, limit="recipes", current=100)
