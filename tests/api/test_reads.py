"""Reads: cursor pagination on lists, queries per request that do not grow with the data, lots and
the ledger, unit conversion."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.inventory.factories import ItemFactory, stock


def _all_pages(client, path):
    seen, url = [], path
    while url:
        body = client.get(url).json()
        seen += body["results"]
        url = body["next"]
    return seen


def test_items_come_in_cursor_pages_and_every_one_appears_once(api, acme):
    items = [ItemFactory(name=f"Item {n:02}") for n in range(7)]
    first = api.get("/api/v1/items/?limit=3").json()
    assert len(first["results"]) == 3
    assert first["previous"] is None
    assert "cursor=" in first["next"]
    assert [row["id"] for row in _all_pages(api, "/api/v1/items/?limit=3")] == [
        item.pk for item in items
    ]


def test_a_page_holds_at_most_100(api, acme):
    ItemFactory.create_batch(3)
    assert len(api.get("/api/v1/items/?limit=100000").json()["results"]) == 3


def test_a_broken_cursor_is_404_json(api, acme):
    response = api.get("/api/v1/items/?cursor=not-a-cursor")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_item_filters(api, acme):
    low = ItemFactory(name="Lye", low_stock_threshold=100)
    fine = ItemFactory(name="Olive oil", low_stock_threshold=100)
    stock(fine, 500)
    assert [r["id"] for r in api.get("/api/v1/items/?low_stock=true").json()["results"]] == [low.pk]
    assert [r["id"] for r in api.get("/api/v1/items/?search=oli").json()["results"]] == [fine.pk]
    detail = api.get(f"/api/v1/items/{fine.pk}/").json()
    assert (detail["on_hand"], detail["stock_value"], detail["is_low"]) == ("500", "500", False)


def _queries(api, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured.captured_queries)


def test_queries_per_list_do_not_grow_with_the_data(api, acme):
    api.get("/api/v1/items/")  # the key's first use of the minute records it (one UPDATE)
    for n in range(3):
        stock(ItemFactory(name=f"Small {n}"), 10)
    small = {
        path: _queries(api, path)
        for path in ("/api/v1/items/", "/api/v1/lots/", "/api/v1/movements/")
    }
    for n in range(30):
        stock(ItemFactory(name=f"Big {n}"), 10)
    big = {path: _queries(api, path) for path in small}
    assert big == small


def test_lots_and_movements_of_one_item(api, acme):
    oil, lye = ItemFactory(name="Oil"), ItemFactory(name="Lye")
    lot = stock(oil, 100, "0.5")
    stock(lye, 5)
    lots = api.get(f"/api/v1/lots/?item={oil.pk}").json()["results"]
    assert [(row["id"], row["quantity_remaining"], row["unit_cost"]) for row in lots] == [
        (lot.pk, "100", "0.5")
    ]
    assert api.get(f"/api/v1/lots/{lot.pk}/").json()["item_id"] == oil.pk
    moves = api.get(f"/api/v1/movements/?item={oil.pk}").json()["results"]
    assert [(row["kind"], row["quantity"], row["value"]) for row in moves] == [
        ("receive", "100", "50")
    ]
    assert api.get("/api/v1/lots/?item=abc").json()["results"] == []


def test_unit_conversion(api, acme):
    oil = ItemFactory(name="Oil", density_g_per_ml="0.92")
    pound = api.get("/api/v1/units/convert/?quantity=1&from_unit=lb&to_unit=g").json()
    assert pound == {"quantity": "1", "from_unit": "lb", "result": "453.59237", "to_unit": "g"}
    by_density = api.get(
        f"/api/v1/units/convert/?quantity=100&from_unit=ml&to_unit=g&item={oil.pk}"
    ).json()
    assert by_density["result"] == "92"
    no_density = api.get("/api/v1/units/convert/?quantity=100&from_unit=ml&to_unit=g")
    assert no_density.status_code == 422
    assert no_density.json()["code"] == "missing_density"
    missing = api.get("/api/v1/units/convert/?quantity=1")
    assert missing.status_code == 400
    assert missing.json()["code"] == "required"


def test_an_unknown_api_path_is_a_json_404(api, acme):
    for response in (api.get("/api/v1/nothing/here/"), api.post("/api/v1/items/-5/")):
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
