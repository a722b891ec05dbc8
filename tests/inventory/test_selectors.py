from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.paginator import Paginator

from inventory import selectors, services, units
from inventory.models import Item
from tests.inventory.conftest import CountStatements
from tests.inventory.factories import ItemFactory, ago, ahead, stock

D = Decimal


def test_weighted_average_cost_and_value_of_stock_on_hand(acme):
    oil = ItemFactory()
    stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 300, "2.00", days_ago=1)
    services.consume(item=oil, quantity=50)

    valuation = services.item_valuation(oil)

    assert valuation.on_hand == D("350")
    assert valuation.value == D("650")
    assert units.to_storage(valuation.average_unit_cost) == D("1.857143")
    assert services.weighted_average_cost(oil) == valuation.average_unit_cost
    assert services.stock_value(oil) == D("650")
    assert valuation.value_display == D("650.00")


def test_an_item_without_stock_has_no_average(acme):
    empty = ItemFactory()
    assert services.item_valuation(empty).average_unit_cost is None
    assert services.stock_value(empty) == 0


def test_costing_method_defaults_to_fifo_and_can_change(acme):
    assert services.costing_method() == "fifo"
    services.set_costing_method(method="average")
    assert services.costing_method() == "average"
    from inventory.errors import InventoryError

    with pytest.raises(InventoryError):
        services.set_costing_method(method="lifo")
    assert services.costing_method() == "average"


def test_item_list_flags_low_stock_expiring_and_expired(acme):
    low = ItemFactory(name="Beeswax", low_stock_threshold=100)
    stock(low, 50)
    soon = ItemFactory(name="Coconut oil")
    stock(soon, 10, expires_at=ahead(5))
    expired = ItemFactory(name="Fragrance oil")
    stock(expired, 10, days_ago=20, expires_at=ago(1))
    fine = ItemFactory(name="Jars", kind=Item.Kind.CONTAINER, stock_unit="each")
    stock(fine, 10, expires_at=ahead(400))
    ItemFactory(name="Old lye", is_archived=True)

    rows = {item.name: item for item in selectors.item_list()}

    assert set(rows) == {"Beeswax", "Coconut oil", "Fragrance oil", "Jars"}
    assert [(n, r.is_low, r.expiring_soon, r.has_expired) for n, r in sorted(rows.items())] == [
        ("Beeswax", True, False, False),
        ("Coconut oil", False, True, False),
        ("Fragrance oil", False, False, True),
        ("Jars", False, False, False),
    ]
    assert rows["Beeswax"].stock_value == D("50")
    assert [i.name for i in selectors.item_list(low_stock=True)] == ["Beeswax"]
    assert [i.name for i in selectors.item_list(expiring=True)] == ["Coconut oil", "Fragrance oil"]
    assert [i.name for i in selectors.item_list(kind="container")] == ["Jars"]
    assert [i.name for i in selectors.item_list(search="OIL")] == ["Coconut oil", "Fragrance oil"]
    assert [i.name for i in selectors.item_list(archived=True)] == ["Old lye"]


def test_item_list_page_costs_the_same_queries_for_any_number_of_items(acme):
    def page_statements() -> int:
        with CountStatements() as statements:
            page = Paginator(selectors.item_list(expiring_within_days=30), 25).get_page(1)
            rows = [(i.name, i.is_low, i.expiring_soon, i.has_expired, i.stock_value) for i in page]
        assert rows
        return len(statements)

    for n in range(3):
        stock(ItemFactory(), 10 + n)
    few = page_statements()
    for _ in range(30):
        item = ItemFactory()
        stock(item, 1)
        stock(item, 2, expires_at=ahead(3))
    many = page_statements()

    assert few == many == 2  # count + page


def test_item_detail_prefetches_open_lots_in_fifo_order(acme):
    oil = ItemFactory()
    old = stock(oil, 10, days_ago=3)
    new = stock(oil, 10, days_ago=1)
    used = stock(oil, 5, days_ago=2)
    services.adjust(item=oil, kind="trash", quantity=5, lot=used)

    with CountStatements() as statements:
        item = selectors.item_detail(item_id=oil.pk)
        lots = [lot.pk for lot in item.open_lots]

    assert lots == [old.pk, new.pk]
    assert (item.usable, item.stock_value) == (D("20"), D("20"))
    assert len(statements) == 3  # preferences, item, lots
    with pytest.raises(Item.DoesNotExist):
        selectors.item_detail(item_id=oil.pk + 1000)


def test_ledger_page_is_newest_first_and_paginated(acme):
    oil = ItemFactory()
    for n in range(7):
        stock(oil, n + 1)

    page = selectors.ledger_page(item=oil, page=2, per_page=3)

    assert [m.quantity for m in page] == [D("4"), D("3"), D("2")]
    assert page.paginator.num_pages == 3
    assert [m.quantity for m in selectors.ledger_page(item=oil, page=99, per_page=3)] == [D("1")]


def test_lots_expiring_lists_soonest_first(acme):
    oil = ItemFactory()
    later = stock(oil, 1, expires_at=ahead(20))
    sooner = stock(oil, 1, expires_at=ahead(2))
    stock(oil, 1, expires_at=ahead(90))

    assert [lot.pk for lot in selectors.lots_expiring(within_days=30)] == [sooner.pk, later.pk]


def test_movements_for_reference_and_open_reservations(acme):
    oil = ItemFactory()
    stock(oil, 100)
    services.consume(item=oil, quantity=10, reference=("batch", 3))
    reservation = services.reserve(item=oil, quantity=5)

    assert [m.quantity for m in selectors.movements_for_reference(reference=("batch", 3))] == [
        D("-10")
    ]
    assert list(selectors.open_reservations(item=oil)) == [reservation]
    assert selectors.ledger_imbalances() == []
