"""The item list: what each row shows, search, kind and badge filters, pages, and a query count that
does not grow with the number of items."""

from __future__ import annotations

from inventory.models import Item
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory, ago, ahead, stock
from tests.inventory_pages.conftest import measure, names, own_statements, rows

# The list page's own statements, whatever it holds: inventory preferences (the expiring window), the
# paginator's count, the page of items with badges and values annotated and the tags in use. Session, user, membership
# and other apps' context processors come on top; the test checks that the total does not grow either.
LIST_PAGE_STATEMENTS = 4


def test_each_row_shows_on_hand_with_its_unit_value_and_badges(acme, viewer_client):
    wax = ItemFactory(name="Beeswax", stock_unit="kg", low_stock_threshold=5)
    stock(wax, "2.5", "8.00")
    jars = ItemFactory(name="Amber jar 4 oz", kind=Item.Kind.CONTAINER, stock_unit="each")
    stock(jars, 120, "0.45")
    stock(jars, 30, "0.50", days_ago=30, expires_at=ago(1))
    lye = ItemFactory(name="Sodium hydroxide", category="Lye")
    stock(lye, "1000", "0.004", expires_at=ahead(10))
    ItemFactory(name="Tap water", stock_unit="ml", is_tracked=False)

    assert rows(viewer_client.get("/inventory/")) == [
        "Amber jar 4 oz Container 150 pieces $69.00 Expired stock",
        "Beeswax Ingredient 2.5 kg $20.00 Low stock",
        "Sodium hydroxide Lye Ingredient 1,000 g $4.00 Expiring soon",
        "Tap water Ingredient not tracked",
    ]


def test_search_matches_name_or_category_and_kind_filters(acme, viewer_client):
    ItemFactory(name="Olive oil", category="Oils")
    ItemFactory(name="Coconut oil", category="Oils")
    ItemFactory(name="Shea butter", category="Butters")
    ItemFactory(name="Oil bottle 100 ml", kind=Item.Kind.CONTAINER, stock_unit="each")

    def found(query):
        return names(viewer_client.get(f"/inventory/?{query}"))

    assert found("q=oil") == ["Coconut oil", "Oil bottle 100 ml", "Olive oil"]
    assert found("q=butters") == ["Shea butter"]
    assert found("q=oil&kind=container") == ["Oil bottle 100 ml"]
    assert found("kind=ingredient") == ["Coconut oil", "Olive oil", "Shea butter"]
    assert "No items match" in page_text(viewer_client.get("/inventory/?q=unobtainium"))


def test_low_stock_and_expiring_filters(acme, viewer_client):
    low = ItemFactory(name="Beeswax", low_stock_threshold=100)
    stock(low, 10)
    expiring = ItemFactory(name="Goat milk")
    stock(expiring, 10, expires_at=ahead(3))
    expired = ItemFactory(name="Lavender oil")
    stock(expired, 10, days_ago=400, expires_at=ago(2))
    fine = ItemFactory(name="Salt")
    stock(fine, 10)

    def found(query):
        return names(viewer_client.get(f"/inventory/?{query}"))

    assert found("low=1") == ["Beeswax"]
    assert found("expiring=1") == ["Goat milk", "Lavender oil"]
    assert found("") == ["Beeswax", "Goat milk", "Lavender oil", "Salt"]


def test_archived_items_are_listed_apart(acme, viewer_client):
    ItemFactory(name="Old lye", is_archived=True)
    ItemFactory(name="Lye")
    assert names(viewer_client.get("/inventory/")) == ["Lye"]
    archived = rows(viewer_client.get("/inventory/?archived=1"))
    assert archived == ["Old lye Ingredient 0 g $0.00 Archived"]


def test_the_list_is_paginated_and_keeps_its_filters(acme, viewer_client):
    for n in range(53):
        ItemFactory(name=f"Oil {n:02d}")
    ItemFactory(name="Jar", kind=Item.Kind.CONTAINER, stock_unit="each")
    first = viewer_client.get("/inventory/?q=oil")
    assert len(rows(first)) == 50
    assert "Page 1 of 2" in page_text(first)
    assert 'href="?q=oil&page=2"' in page_text(first)
    assert names(viewer_client.get("/inventory/?q=oil&page=2")) == ["Oil 50", "Oil 51", "Oil 52"]


def _fill(start: int, stop: int) -> None:
    for n in range(start, stop):
        item = ItemFactory(name=f"Item {n:03d}", low_stock_threshold=5 if n % 3 == 0 else 0)
        stock(item, 10, "1.50", days_ago=n % 7)
        if n % 2:
            expires = ahead(n % 40 + 1) if n % 4 == 1 else ago(1)
            stock(item, 2, "2.00", days_ago=10, expires_at=expires)


def test_list_page_query_count_is_pinned_and_does_not_grow(acme, viewer_client):
    _fill(0, 5)
    small, small_sql = measure(viewer_client, "/inventory/")
    _fill(5, 50)
    large, large_sql = measure(viewer_client, "/inventory/")

    assert (len(names(small)), len(names(large))) == (5, 50)
    assert len(large_sql) == len(small_sql)
    assert own_statements(large_sql) == own_statements(small_sql) == LIST_PAGE_STATEMENTS
