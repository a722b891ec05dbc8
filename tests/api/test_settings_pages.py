"""The API keys and webhooks settings pages (owners and admins)."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import tenant_context

from api.models import ApiKey
from tests.api.conftest import key_client
from tests.billing.helpers import set_billing
from tests.conftest import make_member, page_text, workspace_client
from webhooks.models import Delivery, Endpoint


@pytest.fixture
def owner_client(api_org, owner_a):
    return workspace_client(owner_a, api_org)


def test_a_new_key_is_shown_once_and_works(api_org, owner_client):
    response = owner_client.post("/settings/api-keys/", {"name": "Shopify", "role": "production"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r'id="new-api-key">([^<]+)<', response.content.decode()).group(1)
    assert key_client(api_org, secret).get("/api/v1/items/").status_code == 200
    again = owner_client.get("/settings/api-keys/")
    assert secret not in again.content.decode()
    assert "Shopify" in page_text(again)
    with tenant_context(api_org):
        assert ApiKey.objects.get().role == "production"


def test_a_key_name_is_required(owner_client):
    response = owner_client.post("/settings/api-keys/", {"name": "  ", "role": "admin"})
    assert "This field is required" in page_text(response)


def test_revoking_a_key_stops_it(api_org, owner_client):
    response = owner_client.post("/settings/api-keys/", {"name": "Zap", "role": "read_only"})
    secret = re.search(r'id="new-api-key">([^<]+)<', response.content.decode()).group(1)
    with tenant_context(api_org):
        key = ApiKey.objects.get()
    owner_client.post(f"/settings/api-keys/{key.pk}/revoke/")
    assert key_client(api_org, secret).get("/api/v1/items/").status_code == 401
    twice = owner_client.post(f"/settings/api-keys/{key.pk}/revoke/", follow=True)
    assert "already revoked" in page_text(twice)


@pytest.mark.parametrize("role", ["production", "viewer"])
@pytest.mark.parametrize("path", ["/settings/api-keys/", "/settings/webhooks/"])
def test_only_owners_and_admins_manage_keys_and_webhooks(api_org, role, path):
    member = make_member(api_org, role)
    assert workspace_client(member, api_org).get(path).status_code == 403


def test_a_plan_without_the_api_offers_the_upgrade(org_a, owner_a):
    set_billing(org_a, tier="free", billing_status="none")
    client = workspace_client(owner_a, org_a)
    assert "does not include the API" in page_text(client.get("/settings/api-keys/"))
    assert "Webhooks come with a plan" in page_text(client.get("/settings/webhooks/"))
    refused = client.post("/settings/api-keys/", {"name": "X", "role": "admin"})
    assert "Upgrade to add one" in page_text(refused)


def test_add_test_and_remove_a_webhook_endpoint(
    api_org, owner_client, django_capture_on_commit_callbacks
):
    response = owner_client.post(
        "/settings/webhooks/",
        {"url": "http://127.0.0.1:9/hook", "events": ["batch.started", "stock.low"]},
    )
    assert response.status_code == 302
    with tenant_context(api_org):
        endpoint = Endpoint.objects.get()
    assert endpoint.events == ["batch.started", "stock.low"]
    page = owner_client.get("/settings/webhooks/")
    assert endpoint.secret in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(f"/settings/webhooks/{endpoint.pk}/test/")
    with tenant_context(api_org):
        delivery = Delivery.objects.get()
    assert (delivery.event, delivery.status) == ("test", "failed")
    log = page_text(owner_client.get("/settings/webhooks/"))
    assert "Gave up" in log and "No answer" in log
    owner_client.post(f"/settings/webhooks/{endpoint.pk}/delete/")
    with tenant_context(api_org):
        assert not Endpoint.objects.exists()


def test_a_bad_webhook_address_is_shown_on_the_form(owner_client):
    response = owner_client.post(
        "/settings/webhooks/", {"url": "ftp://example.com", "events": ["stock.low"]}
    )
    assert "Use an http:// or https:// address." in page_text(response)


def test_the_plan_cards_list_the_api(owner_a, org_a):
    from billing.tiers import ADVERTISED_FEATURES

    assert ADVERTISED_FEATURES["api"] == "API access"
