"""Platform staff: tier, status and Stripe customer in the admin; complimentary tiers."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from billing.errors import BillingError
from billing.models import BillingEvent
from billing.policy import access_for
from billing.services.complimentary import end_complimentary, grant_complimentary
from tenants.models import Organization
from tests.billing.helpers import days_ago, set_billing
from tests.conftest import make_user, page_text, public_client


@pytest.fixture
def staff_client(db):
    return public_client(make_user("staff@example.com", is_staff=True, is_superuser=True))


def test_changelist_shows_plan_status_and_stripe_customer(org_a, staff_client):
    set_billing(org_a, tier="pro", billing_status="trialing", stripe_customer_id="cus_42")
    page = page_text(staff_client.get("/admin/tenants/organization/"))
    assert "Pro" in page
    assert "Trial" in page
    assert 'href="https://dashboard.stripe.com/test/customers/cus_42"' in page


def test_change_page_shows_billing_read_only(org_a, staff_client):
    set_billing(org_a, tier="maker", billing_status="past_due", past_due_since=days_ago(9))
    page = page_text(staff_client.get(f"/admin/tenants/organization/{org_a.pk}/change/"))
    assert "Maker (read-only)" in page
    assert 'name="billing_status"' not in page  # not editable: only Stripe and services write it


def test_staff_grant_a_complimentary_tier_with_an_end_date(org_a, staff_client):
    until = date.today() + timedelta(days=30)
    form = staff_client.post(
        "/admin/tenants/organization/",
        {"action": "grant_complimentary", "_selected_action": [org_a.pk]},
    )
    assert form.status_code == 200
    assert "Grant a complimentary tier" in page_text(form)

    done = staff_client.post(
        "/admin/tenants/organization/",
        {
            "action": "grant_complimentary",
            "_selected_action": [org_a.pk],
            "apply": "1",
            "tier": "pro",
            "until": until.isoformat(),
        },
        follow=True,
    )
    assert "Granted a complimentary tier to 1 organization" in page_text(done)
    org = Organization.objects.get(pk=org_a.pk)
    assert org.complimentary_tier == "pro"
    assert org.complimentary_until.date() == until
    assert access_for(org).tier.key == "pro"
    event = BillingEvent.objects.get(organization=org_a, event_type="complimentary.granted")
    assert (event.source, event.actor) == ("staff", "staff@example.com")
    from tenants.models import AuditEvent

    audit = AuditEvent.objects.get(organization=org_a, action="billing.complimentary_granted")
    assert (audit.target, audit.actor_email) == ("Pro", "staff@example.com")


def test_grant_refuses_a_past_date(org_a, staff_client):
    response = staff_client.post(
        "/admin/tenants/organization/",
        {
            "action": "grant_complimentary",
            "_selected_action": [org_a.pk],
            "apply": "1",
            "tier": "pro",
            "until": "2001-01-01",
        },
    )
    assert "Choose a day in the future" in page_text(response)
    assert Organization.objects.get(pk=org_a.pk).complimentary_tier == ""


def test_grant_service_validates(org_a):
    with pytest.raises(BillingError):
        grant_complimentary(organization=org_a, tier="free", until=None, granted_by=None)
    with pytest.raises(BillingError):
        grant_complimentary(organization=org_a, tier="pro", until=days_ago(1), granted_by=None)


def test_end_complimentary(org_a):
    grant_complimentary(organization=org_a, tier="team", until=None, granted_by=None)
    end_complimentary(organization=org_a, ended_by=None)
    org = Organization.objects.get(pk=org_a.pk)
    assert (org.complimentary_tier, org.complimentary_until) == ("", None)


def test_billing_log_is_read_only_in_admin(org_a, staff_client):
    grant_complimentary(organization=org_a, tier="team", until=None, granted_by=None)
    page = staff_client.get("/admin/billing/billingevent/")
    assert page.status_code == 200
    assert "complimentary.granted" in page_text(page)
    assert staff_client.get("/admin/billing/billingevent/add/").status_code == 403


def test_demo_workspace_gets_every_feature(ready_spare):
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    org = Organization.objects.get(slug="demo")
    assert (org.complimentary_tier, org.complimentary_until) == ("team", None)
    assert access_for(org).tier.key == "team"
