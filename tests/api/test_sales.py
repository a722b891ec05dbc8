"""Products, SKUs, holds and orders through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory.models import Reservation
from sales.models import Order
from sales.services.orders import LineInput, create_order
from tests.inventory.factories import stock
from tests.sales.conftest import make_sku


def _post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


@pytest.fixture
def bar(acme):
    sku = make_sku("BAR", "8.50")
    stock(sku.item, 10, "2")
    return sku


def test_products_and_skus_with_stock(api, bar):
    products = api.get("/api/v1/products/").json()["results"]
    assert [(p["name"], [s["code"] for s in p["skus"]]) for p in products] == [
        ("Product BAR", ["BAR"])
    ]
    skus = api.get("/api/v1/skus/").json()["results"]
    assert [(s["code"], s["price"], s["on_hand"]) for s in skus] == [("BAR", "8.5", "10")]


def test_hold_and_release(api, bar):
    held = _post(api, "/api/v1/holds/", {"sku": bar.pk, "quantity": "4", "note": "Market"})
    assert held.status_code == 201, held.content
    hold_id = held.json()["id"]
    assert [h["id"] for h in api.get("/api/v1/holds/").json()["results"]] == [hold_id]
    bar.item.refresh_from_db()
    assert bar.item.reserved == Decimal("4")
    released = _post(api, f"/api/v1/holds/{hold_id}/release/")
    assert released.json()["status"] == "released"
    again = _post(api, f"/api/v1/holds/{hold_id}/release/")
    assert again.status_code == 409
    assert again.json()["code"] == "reservation_closed"


def test_holding_more_than_there_is_changes_nothing(api, bar):
    response = _post(api, "/api/v1/holds/", {"sku": bar.pk, "quantity": "40", "note": "Big"})
    assert response.status_code in (409, 422)
    assert Reservation.objects.count() == 0


def test_orders_list_detail_and_fulfil(api, bar):
    order = create_order(lines=[LineInput(bar.pk, "3")], note="Etsy 1001")
    listed = api.get("/api/v1/orders/?status=open").json()["results"]
    assert [o["id"] for o in listed] == [order.pk]
    detail = api.get(f"/api/v1/orders/{order.pk}/").json()
    assert [(line["sku_code"], line["quantity"]) for line in detail["lines"]] == [("BAR", "3")]
    fulfilled = _post(api, f"/api/v1/orders/{order.pk}/fulfil/")
    assert fulfilled.status_code == 200, fulfilled.content
    assert fulfilled.json()["status"] == "fulfilled"
    assert fulfilled.json()["lines"][0]["cost"] == "6"
    again = _post(api, f"/api/v1/orders/{order.pk}/fulfil/")
    assert again.status_code == 409
    assert again.json()["code"] == "order_closed"


def test_an_order_short_of_stock_is_409_and_stays_open(api, bar):
    order = create_order(lines=[LineInput(bar.pk, "30")])
    response = _post(api, f"/api/v1/orders/{order.pk}/fulfil/")
    assert response.status_code == 409
    assert response.json()["code"] == "lines_short"
    assert Order.objects.get(pk=order.pk).status == "open"


def test_a_body_on_an_action_without_one_is_refused(api, bar):
    order = create_order(lines=[LineInput(bar.pk, "1")])
    response = _post(api, f"/api/v1/orders/{order.pk}/fulfil/", {"force": True})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_field"
    assert Order.objects.get(pk=order.pk).status == "open"
