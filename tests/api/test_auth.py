"""Who may call the API: keys per workspace (hashed, revocable), roles and tiers, sessions."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from api.models import ApiKey
from api.services import revoke_key
from tests.api.conftest import key_client, new_key, on_tier
from tests.billing.helpers import days_ago, set_billing
from tests.conftest import make_member, workspace_client


def test_no_key_is_401_with_a_json_code(api_org):
    response = key_client(api_org, None).get("/api/v1/items/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Api-Key")


@pytest.mark.parametrize(
    "header",
    ["Api-Key nonsense", "Api-Key abc.def", "Bearer abc.def", "Api-Key " + "x" * 300 + ".y"],
)
def test_a_wrong_key_is_401(api_org, header):
    client = key_client(api_org, None)
    response = client.get("/api/v1/items/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_api_key"


def test_a_key_is_stored_hashed_and_works_as_bearer_too(api_org, admin_key):
    with tenant_context(api_org):
        stored = ApiKey.objects.get()
    assert admin_key.startswith(stored.prefix + ".")
    assert admin_key not in stored.hashed_key
    client = key_client(api_org, None)
    assert client.get("/api/v1/items/", HTTP_AUTHORIZATION=f"Bearer {admin_key}").status_code == 200


def test_a_revoked_key_is_refused(api_org, admin_key):
    with tenant_context(api_org):
        revoke_key(key_id=ApiKey.objects.get().pk)
    response = key_client(api_org, admin_key).get("/api/v1/items/")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_api_key"


def test_a_key_never_works_on_another_workspace_host(api_org, org_b, admin_key):
    on_tier(org_b, "pro")
    response = key_client(org_b, admin_key).get("/api/v1/items/")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_api_key"


def test_a_plan_without_the_api_is_refused(org_a):
    secret = new_key(on_tier(org_a, "pro"), "admin")
    set_billing(org_a, tier="free", billing_status="none")
    response = key_client(org_a, secret).get("/api/v1/items/")
    assert response.status_code == 403
    assert response.json()["code"] == "api_not_in_plan"


@pytest.mark.parametrize(
    ("role", "method", "path", "expected"),
    [
        ("read_only", "get", "/api/v1/items/", 200),
        ("read_only", "post", "/api/v1/stock/consume/", 403),
        ("read_only", "post", "/api/v1/batches/", 403),
        ("read_only", "get", "/api/v1/orders/", 200),
        ("production", "post", "/api/v1/stock/consume/", 400),
        ("production", "post", "/api/v1/recipes/", 400),
        ("admin", "post", "/api/v1/stock/receive/", 400),
    ],
)
def test_each_key_role_maps_onto_the_permission_catalogue(api_org, role, method, path, expected):
    client = key_client(api_org, new_key(api_org, role))
    response = getattr(client, method)(path, {}, content_type="application/json")
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["code"] == "permission_denied"


def test_a_read_only_workspace_refuses_writes_but_answers_reads(api_org, admin_key):
    set_billing(api_org, billing_status="past_due", past_due_since=days_ago(30))
    client = key_client(api_org, admin_key)
    assert client.get("/api/v1/items/").status_code == 200
    response = client.post("/api/v1/stock/consume/", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "workspace_read_only"


def test_a_suspended_workspace_refuses_everything(api_org, admin_key):
    set_billing(api_org, status="suspended")
    response = key_client(api_org, admin_key).get("/api/v1/items/")
    assert response.status_code == 403
    assert response.json()["code"] == "workspace_suspended"


def test_a_members_session_works_and_keeps_csrf(api_org, owner_a):
    client = workspace_client(owner_a, api_org)
    assert client.get("/api/v1/items/").status_code == 200
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/stock/consume/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_a_session_of_someone_outside_the_workspace_is_not_authenticated(api_org, org_b):
    outsider = make_member(org_b, "owner")
    response = workspace_client(outsider, api_org).get("/api/v1/items/")
    assert response.status_code == 401


def test_rate_limit_headers_and_429_with_retry_after(api_org, admin_key, monkeypatch):
    from api import limits

    monkeypatch.setattr(limits, "API_REQUESTS_PER_MINUTE", {"pro": 2})
    client = key_client(api_org, admin_key)
    first = client.get("/api/v1/items/")
    assert first["RateLimit-Limit"] == "2"
    assert first["RateLimit-Remaining"] == "1"
    assert 1 <= int(first["RateLimit-Reset"]) <= 61
    assert client.get("/api/v1/items/")["RateLimit-Remaining"] == "0"
    refused = client.get("/api/v1/items/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 61


def test_each_key_counts_on_its_own(api_org, admin_key, monkeypatch):
    from api import limits

    monkeypatch.setattr(limits, "API_REQUESTS_PER_MINUTE", {"pro": 1})
    key_client(api_org, admin_key).get("/api/v1/items/")
    other = key_client(api_org, new_key(api_org, "read_only"))
    assert other.get("/api/v1/items/").status_code == 200


def test_the_tiers_rates_rise_with_the_plan():
    from billing.tiers import API_REQUESTS_PER_MINUTE

    assert API_REQUESTS_PER_MINUTE == {"maker": 60, "pro": 300, "team": 1200}


def test_the_schema_and_reference_page_need_no_key(api_org):
    client = key_client(api_org, None)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "BatchTrack API"
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    assert b"drf_spectacular_sidecar/swagger-ui-dist" in page.content
    assert b"cdn" not in page.content.lower()
