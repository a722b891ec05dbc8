from __future__ import annotations

from decimal import Decimal

import pytest

from inventory import services
from inventory.errors import InsufficientStock, ItemArchived
from inventory.models import Lot, Movement
from tests.inventory.conftest import CountStatements, assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead, stock

D = Decimal


def test_consume_takes_oldest_lot_first_and_records_each_lots_cost(acme):
    oil = ItemFactory(name="Olive oil")
    a = stock(oil, 100, "1.00", days_ago=2)
    b = stock(oil, 100, "2.00", days_ago=1)

    result = services.consume(item=oil, quantity=150, unit="g", reference=("batch", 42))

    a.refresh_from_db()
    b.refresh_from_db()
    oil.refresh_from_db()
    assert a.quantity_remaining == 0
    assert b.quantity_remaining == D("50")
    assert oil.on_hand == D("50")
    used = list(Movement.objects.filter(kind=Movement.Kind.USE).order_by("id"))
    assert [(m.lot_id, m.quantity, m.unit_cost) for m in used] == [
        (a.pk, D("-100"), D("1.00")),
        (b.pk, D("-50"), D("2.00")),
    ]
    assert all((m.reference_type, m.reference_id) == ("batch", 42) for m in used)
    assert [(d.lot_id, d.quantity, d.unit_cost) for d in result.draws] == [
        (a.pk, D("100"), D("1.00")),
        (b.pk, D("50"), D("2.00")),
    ]
    assert result.total_cost == D("200")
    assert result.cost == D("200.00")
    assert_balanced()


def test_short_consume_is_refused_and_changes_nothing(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 100, days_ago=2)
    stock(oil, 50, days_ago=1)
    before = snapshot()

    with pytest.raises(InsufficientStock) as caught:
        services.consume(item=oil, quantity=200, unit="g")

    (short,) = caught.value.shortfalls
    assert (short.needed, short.available, short.shortfall, short.unit) == (
        D("200"),
        D("150"),
        D("50"),
        "g",
    )
    assert caught.value.code == "INSUFFICIENT_STOCK"
    assert str(caught.value) == (
        "You need 50 g more Olive oil: this needs 200 g and 150 g is available."
    )
    assert snapshot() == before


def test_shortfall_is_reported_in_the_callers_unit(acme):
    oil = ItemFactory(name="Olive oil", stock_unit="g")
    stock(oil, 350)

    with pytest.raises(InsufficientStock) as caught:
        services.consume(item=oil, quantity="0.5", unit="kg")

    (short,) = caught.value.shortfalls
    assert (short.needed, short.available, short.shortfall, short.unit) == (
        D("0.5"),
        D("0.35"),
        D("0.15"),
        "kg",
    )
    assert (
        str(caught.value)
        == "You need 0.15 kg more Olive oil: this needs 0.5 kg and 0.35 kg is available."
    )


def test_consume_skips_expired_lots(acme):
    oil = ItemFactory(name="Olive oil")
    a = stock(oil, 100, days_ago=30, expires_at=ago(1))
    b = stock(oil, 100, days_ago=5, expires_at=ahead(10))

    result = services.consume(item=oil, quantity=50)

    assert [(d.lot_id, d.quantity) for d in result.draws] == [(b.pk, D("50"))]
    a.refresh_from_db()
    assert a.quantity_remaining == D("100")


def test_consume_skips_curing_lots(acme):
    soap = ItemFactory(name="Lavender soap", stock_unit="each")
    curing = stock(soap, 10, days_ago=3, hold_until=ahead(20))
    ready = stock(soap, 5, days_ago=1)

    result = services.consume(item=soap, quantity=4)

    assert [(d.lot_id, d.quantity) for d in result.draws] == [(ready.pk, D("4"))]
    with pytest.raises(InsufficientStock):
        services.consume(item=soap, quantity=2)
    curing.refresh_from_db()
    assert curing.quantity_remaining == D("10")


def test_same_receipt_time_breaks_ties_by_id(acme):
    oil = ItemFactory()
    when = ago(1)
    first = stock(oil, 10, "1", received_at=when)
    second = stock(oil, 10, "2", received_at=when)

    result = services.consume(item=oil, quantity=15)

    assert [d.lot_id for d in result.draws] == [first.pk, second.pk]


def test_consume_many_checks_every_line_and_reports_every_short_item(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    lye = ItemFactory(name="Sodium hydroxide")
    butter = ItemFactory(name="Shea butter")
    stock(oil, 100)
    stock(lye, 10)
    stock(butter, 500)
    before = snapshot()

    with pytest.raises(InsufficientStock) as caught:
        services.consume_many(
            lines=[(oil, 150, "g"), (lye, 30, "g"), (butter, 100, "g")], reference=("batch", 1)
        )

    assert [(s.item_name, s.shortfall) for s in caught.value.shortfalls] == [
        ("Olive oil", D("50")),
        ("Sodium hydroxide", D("20")),
    ]
    assert snapshot() == before


def test_consume_many_adds_up_lines_of_the_same_item(acme):
    oil = ItemFactory()
    lot = stock(oil, 100)

    with pytest.raises(InsufficientStock):
        services.consume_many(lines=[(oil, 60, "g"), (oil, 60, "g")])
    first, second = services.consume_many(lines=[(oil, 60, "g"), (oil, "0.02", "kg")])

    assert (first.quantity, second.quantity) == (D("60"), D("20"))
    lot.refresh_from_db()
    assert lot.quantity_remaining == D("20")
    assert_balanced()


def test_average_costing_charges_the_weighted_average(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 100, "2.00", days_ago=1)

    result = services.consume(item=oil, quantity=150)

    assert [(d.quantity, d.unit_cost) for d in result.draws] == [
        (D("100"), D("1.5")),
        (D("50"), D("1.5")),
    ]
    assert result.total_cost == D("225")


def test_untracked_item_records_usage_and_cost_without_stock(acme):
    water = ItemFactory(
        name="Tap water", stock_unit="l", is_tracked=False, untracked_unit_cost="0.004"
    )

    result = services.consume(item=water, quantity=500, unit="ml", reference=("batch", 7))

    water.refresh_from_db()
    assert water.on_hand == 0
    (movement,) = Movement.objects.filter(item=water)
    assert (movement.quantity, movement.unit_cost, movement.affects_stock, movement.lot_id) == (
        D("-0.5"),
        D("0.004"),
        False,
        None,
    )
    assert result.total_cost == D("0.002")
    assert result.tracked is False
    assert_balanced()


def test_consume_of_archived_item_is_refused(acme):
    old = ItemFactory(is_archived=True)

    with pytest.raises(ItemArchived):
        services.consume(item=old, quantity=1)
    assert not Movement.objects.exists()


def test_idempotency_key_replays_the_first_result(acme):
    oil = ItemFactory()
    stock(oil, 100)

    first = services.consume(item=oil, quantity=30, idempotency_key="sale-1")
    again = services.consume(item=oil, quantity=30, idempotency_key="sale-1")

    assert again == first
    oil.refresh_from_db()
    assert oil.on_hand == D("70")
    assert Movement.objects.filter(kind=Movement.Kind.USE).count() == 1


def test_query_count_does_not_depend_on_lots_held_or_drawn(acme):
    few, many = ItemFactory(), ItemFactory()
    for _ in range(3):
        stock(few, 10)
    for _ in range(60):
        stock(many, 10)

    counts = []
    for item, quantity in ((few, 5), (many, 5), (many, 450)):
        with CountStatements() as statements:
            services.consume(item=item, quantity=quantity)
        counts.append(len(statements))

    # lock items; read costing method, idempotency key and lots; write movements, lots and items
    assert counts == [3, 3, 3]
    assert Lot.objects.filter(item=many, quantity_remaining=0).count() == 45
