"""Stock writes through the API: receive, consume, adjust; idempotent replays; bad input refused
with a JSON code and nothing written."""

from __future__ import annotations

import json

import pytest
from django_tenants.utils import tenant_context

from inventory.models import Item, Lot, Movement
from tests.api.conftest import key_client, new_key, on_tier
from tests.inventory.factories import ItemFactory, stock


def _post(client, path, body, **extra):
    return client.post(path, body, content_type="application/json", **extra)


@pytest.fixture
def oil(acme):
    item = ItemFactory(name="Olive oil", stock_unit="g")
    stock(item, 1000, "0.01")
    return item


def _books():
    return (
        list(Item.objects.order_by("pk").values_list("pk", "on_hand", "stock_value")),
        Lot.objects.count(),
        Movement.objects.count(),
    )


def test_receive_makes_a_lot_at_the_given_cost(api, oil):
    response = _post(
        api,
        "/api/v1/stock/receive/",
        {
            "item": oil.pk,
            "quantity": "2",
            "unit": "kg",
            "total_cost": "30.00",
            "supplier": "Soapers",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["quantity_received"] == "2000"
    assert body["unit_cost"] == "0.015"
    assert body["supplier"] == "Soapers"
    oil.refresh_from_db()
    assert oil.on_hand == 3000


def test_consume_takes_stock_and_reports_its_cost(api, oil):
    response = _post(api, "/api/v1/stock/consume/", {"item": oil.pk, "quantity": "250"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["quantity"] == "250"
    assert body["total_cost"] == "2.5"
    assert len(body["draws"]) == 1
    oil.refresh_from_db()
    assert oil.on_hand == 750


def test_adjust_recounts(api, oil):
    response = _post(
        api, "/api/v1/stock/adjust/", {"item": oil.pk, "kind": "recount", "quantity": "900"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["quantity_change"] == "-100"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/stock/receive/", {"quantity": "5", "unit_cost": "0.01"}),
        ("/api/v1/stock/consume/", {"quantity": "5"}),
        ("/api/v1/stock/adjust/", {"kind": "spoil", "quantity": "5"}),
    ],
)
def test_an_idempotent_replay_returns_the_first_result_and_writes_once(api, oil, path, body):
    body = {"item": oil.pk, **body}
    first = _post(api, path, body, HTTP_IDEMPOTENCY_KEY="order-1234")
    before = _books()
    second = _post(api, path, body, HTTP_IDEMPOTENCY_KEY="order-1234")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert _books() == before


def test_a_bad_idempotency_key_is_refused(api, oil):
    before = _books()
    response = _post(
        api,
        "/api/v1/stock/consume/",
        {"item": oil.pk, "quantity": "5"},
        HTTP_IDEMPOTENCY_KEY="has spaces",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_idempotency_key"
    assert _books() == before


def test_not_enough_stock_is_409_with_shortfalls_and_changes_nothing(api, oil):
    before = _books()
    response = _post(api, "/api/v1/stock/consume/", {"item": oil.pk, "quantity": "1500"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "insufficient_stock"
    assert body["field"] == "quantity"
    assert body["message"] == (
        "You need 500 g more Olive oil: this needs 1,500 g and 1,000 g is available."
    )
    assert body["shortfalls"][0]["shortfall"] == "500"
    assert "fixes" not in body
    assert _books() == before


BAD_BODIES = [
    ("malformed", b'{"item": 1, "quantity": ', 400, "malformed_json"),
    ("not an object", json.dumps([1, 2]).encode(), 400, "invalid_input"),
    ("unknown field", {"quantity": "5", "colour": "red"}, 400, "unknown_field"),
    ("wrong type", {"quantity": {"a": 1}}, 400, "invalid_input"),
    ("string item", {"item": "olive", "quantity": "5"}, 400, "invalid_input"),
    ("missing quantity", {}, 400, "required"),
    ("negative", {"quantity": "-5"}, 422, "invalid_amount"),
    ("zero", {"quantity": "0"}, 422, "invalid_amount"),
    ("absurd", {"quantity": "1e30"}, 400, "max_digits"),
    ("too many places", {"quantity": "1.1234567"}, 400, "max_decimal_places"),
    ("not a number", {"quantity": "lots"}, 400, "invalid_input"),
    ("unknown unit", {"quantity": "5", "unit": "furlong"}, 422, "unknown_unit"),
    ("item of another workspace", {"item": 987654, "quantity": "5"}, 404, "item_not_found"),
    ("huge", {"quantity": "5", "note": "x" * 70_000}, 413, "payload_too_large"),
]


@pytest.mark.parametrize(
    ("case", "body", "status", "code"), BAD_BODIES, ids=[case[0] for case in BAD_BODIES]
)
@pytest.mark.parametrize("path", ["/api/v1/stock/consume/", "/api/v1/stock/receive/"])
def test_bad_input_is_a_json_error_and_writes_nothing(api, oil, path, case, body, status, code):
    if isinstance(body, dict):
        body = json.dumps({"item": oil.pk, **body} if "item" not in body else body).encode()
    if path.endswith("receive/") and b'"quantity"' in body and b"unit_cost" not in body:
        body = body.replace(b"{", b'{"unit_cost": "1", ', 1) if body.startswith(b"{") else body
    before = _books()
    response = api.post(path, body, content_type="application/json")
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert _books() == before


def test_an_id_from_another_workspace_is_not_found_there(api_org, org_b, oil):
    """The same id names nothing (or something else) in another workspace's schema."""
    on_tier(org_b, "pro")
    other = key_client(org_b, new_key(org_b, "admin"))
    with tenant_context(org_b):
        lots_before = Lot.objects.count()
    response = _post(other, "/api/v1/stock/consume/", {"item": oil.pk, "quantity": "5"})
    assert response.status_code == 404
    assert response.json()["code"] == "item_not_found"
    with tenant_context(org_b):
        assert Lot.objects.count() == lots_before


def test_form_encoded_bodies_are_refused(api, oil):
    response = api.post("/api/v1/stock/consume/", {"item": oil.pk, "quantity": "5"})
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "body",
    [b"[" * 20000 + b"]" * 20000, b'{"item": NaN, "quantity": Infinity}', b"\xff\xfe{}"],
    ids=["deep", "nan", "not utf-8"],
)
def test_pathological_json_is_malformed_not_a_crash(api, oil, body):
    before = _books()
    response = api.post("/api/v1/stock/consume/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"
    assert _books() == before
