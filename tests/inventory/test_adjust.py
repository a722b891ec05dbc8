from __future__ import annotations

from decimal import Decimal

import pytest

from inventory import services
from inventory.errors import (
    InsufficientStock,
    InvalidAdjustment,
    InvalidAmount,
    LotNotExpired,
    LotNotOfItem,
    MissingDensity,
    StockReserved,
    UnknownUnit,
)
from inventory.models import Lot, Movement
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead, stock

D = Decimal


def test_recount_down_drains_the_oldest_lot_with_one_movement(acme):
    oil = ItemFactory()
    a = stock(oil, 100, "1.00", days_ago=3)
    b = stock(oil, 40, "2.00", days_ago=1)

    result = services.adjust(item=oil, kind="recount", quantity=50, unit="g")

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.quantity_remaining, b.quantity_remaining) == (D("10"), D("40"))
    (movement,) = Movement.objects.filter(kind=Movement.Kind.RECOUNT)
    assert (movement.lot_id, movement.quantity, movement.unit_cost) == (a.pk, D("-90"), D("1.00"))
    assert result.quantity_change == D("-90")
    assert result.value_change == D("-90")
    assert_balanced()


def test_recount_down_spanning_lots_writes_one_movement_per_lot(acme):
    oil = ItemFactory()
    a = stock(oil, 100, "1", days_ago=3)
    b = stock(oil, 40, "2", days_ago=1)

    result = services.adjust(item=oil, kind="recount", quantity="0.02", unit="kg")

    assert [(m.lot_id, m.quantity) for m in result.movements] == [
        (a.pk, D("-100")),
        (b.pk, D("-20")),
    ]
    assert_balanced()


def test_recount_up_adds_an_adjustment_lot_at_the_average_cost(acme):
    oil = ItemFactory()
    stock(oil, 100, "1.00")
    stock(oil, 300, "2.00")

    result = services.adjust(item=oil, kind="recount", quantity=410)

    lot = Lot.objects.get(pk=result.lot_id)
    assert (lot.source, lot.quantity_received, lot.unit_cost) == (
        Lot.Source.ADJUSTMENT,
        D("10"),
        D("1.75"),
    )
    assert result.quantity_change == D("10")
    assert_balanced()


def test_recount_up_from_nothing_uses_the_last_known_cost(acme):
    oil = ItemFactory()
    stock(oil, 10, "3.00")
    services.consume(item=oil, quantity=10)

    result = services.adjust(item=oil, kind="recount", quantity=4)

    assert Lot.objects.get(pk=result.lot_id).unit_cost == D("3.00")


def test_recount_to_the_same_quantity_writes_nothing(acme):
    oil = ItemFactory()
    stock(oil, 10)

    result = services.adjust(item=oil, kind="recount", quantity=10)

    assert (result.quantity_change, result.movements) == (D("0"), ())
    assert Movement.objects.count() == 1


def test_recount_to_zero_empties_every_lot(acme):
    oil = ItemFactory()
    stock(oil, 10, days_ago=2)
    stock(oil, 5, days_ago=1, expires_at=ago(0.5))

    services.adjust(item=oil, kind="recount", quantity=0)

    oil.refresh_from_db()
    assert oil.on_hand == 0
    assert not Lot.objects.filter(item=oil, quantity_remaining__gt=0).exists()
    assert_balanced()


def test_consume_skips_the_expired_lot_and_expired_disposal_takes_it(acme):
    oil = ItemFactory()
    a = stock(oil, 100, days_ago=40, expires_at=ago(1))
    b = stock(oil, 100, days_ago=5, expires_at=ahead(10))

    used = services.consume(item=oil, quantity=50)
    disposed = services.adjust(item=oil, kind="expired", quantity=50)

    assert [(d.lot_id, d.quantity) for d in used.draws] == [(b.pk, D("50"))]
    assert [(m.lot_id, m.quantity) for m in disposed.movements] == [(a.pk, D("-50"))]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.quantity_remaining, b.quantity_remaining) == (D("50"), D("50"))
    assert_balanced()


def test_expired_disposal_without_quantity_takes_all_expired_stock(acme):
    oil = ItemFactory()
    a = stock(oil, 30, days_ago=40, expires_at=ago(2))
    c = stock(oil, 20, days_ago=30, expires_at=ago(1))
    b = stock(oil, 100, days_ago=50, expires_at=ahead(10))

    result = services.adjust(item=oil, kind="expired")

    assert [(m.lot_id, m.quantity) for m in result.movements] == [
        (a.pk, D("-30")),
        (c.pk, D("-20")),
    ]
    b.refresh_from_db()
    assert b.quantity_remaining == D("100")


def test_expired_disposal_of_a_named_lot_takes_that_lot(acme):
    oil = ItemFactory()
    stock(oil, 30, days_ago=40, expires_at=ago(2))
    later = stock(oil, 20, days_ago=30, expires_at=ago(1))

    result = services.adjust(item=oil, kind="expired", lot=later)

    assert [(m.lot_id, m.quantity) for m in result.movements] == [(later.pk, D("-20"))]


def test_expired_disposal_refuses_a_lot_that_has_not_expired(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    fresh = stock(oil, 30, expires_at=ahead(5))
    before = snapshot()

    with pytest.raises(LotNotExpired) as caught:
        services.adjust(item=oil, kind="expired", lot=fresh, quantity=5)

    assert "Dispose of it as spoiled, thrown away or damaged instead." in str(caught.value)
    assert snapshot() == before


def test_expired_disposal_with_nothing_expired_is_refused(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 30, expires_at=ahead(5))
    before = snapshot()

    with pytest.raises(InvalidAdjustment) as caught:
        services.adjust(item=oil, kind="expired")
    assert str(caught.value) == "Olive oil has no expired stock to dispose of."
    with pytest.raises(InsufficientStock):
        services.adjust(item=oil, kind="expired", quantity=1)
    assert snapshot() == before


@pytest.mark.parametrize("kind", ["spoil", "trash", "damaged"])
def test_disposal_of_a_named_lot_takes_from_that_lot(acme, kind):
    oil = ItemFactory()
    stock(oil, 100, "1", days_ago=2)
    newer = stock(oil, 100, "2", days_ago=1)

    result = services.adjust(item=oil, kind=kind, quantity=30, lot=newer.pk, note="Dropped a jug")

    assert [(m.lot_id, m.quantity, m.unit_cost) for m in result.movements] == [
        (newer.pk, D("-30"), D("2"))
    ]
    movement = Movement.objects.get(pk=result.movements[0].movement_id)
    assert (movement.kind, movement.note) == (kind, "Dropped a jug")
    assert_balanced()


def test_disposal_without_a_lot_takes_oldest_first_including_expired(acme):
    oil = ItemFactory()
    old = stock(oil, 10, days_ago=9, expires_at=ago(1))
    new = stock(oil, 10, days_ago=1)

    result = services.adjust(item=oil, kind="spoil", quantity=15)

    assert [(m.lot_id, m.quantity) for m in result.movements] == [
        (old.pk, D("-10")),
        (new.pk, D("-5")),
    ]


def test_a_lot_of_another_item_is_refused(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    butter = ItemFactory(name="Shea butter")
    stock(oil, 10)
    butter_lot = stock(butter, 10)
    before = snapshot()

    with pytest.raises(LotNotOfItem) as caught:
        services.adjust(item=oil, kind="spoil", quantity=1, lot=butter_lot)

    assert caught.value.code == "LOT_NOT_OF_ITEM"
    assert str(caught.value) == (
        f"L{butter_lot.pk} belongs to Shea butter, not to Olive oil. Pick one of Olive oil's "
        "deliveries or batches."
    )
    assert snapshot() == before


def test_taking_more_than_a_lot_holds_is_refused(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    lot = stock(oil, 10)
    stock(oil, 100)
    before = snapshot()

    with pytest.raises(InsufficientStock) as caught:
        services.adjust(item=oil, kind="damaged", quantity=12, lot=lot)

    (short,) = caught.value.shortfalls
    assert (short.lot_id, short.needed, short.available, short.shortfall) == (
        lot.pk,
        D("12"),
        D("10"),
        D("2"),
    )
    assert snapshot() == before


@pytest.mark.parametrize("kind", ["tester", "gift", "sample"])
def test_giveaways_take_usable_stock_oldest_first(acme, kind):
    soap = ItemFactory(stock_unit="each", kind="product")
    stock(soap, 5, days_ago=30, expires_at=ago(1))
    curing = stock(soap, 5, days_ago=2, hold_until=ahead(20))
    ready = stock(soap, 5, days_ago=10)

    result = services.adjust(item=soap, kind=kind, quantity=2)

    assert [(m.lot_id, m.quantity) for m in result.movements] == [(ready.pk, D("-2"))]
    assert curing.pk != ready.pk
    assert_balanced()


def test_returned_stock_is_credited_into_a_new_lot_at_the_given_cost(acme):
    soap = ItemFactory(stock_unit="each", kind="product", shelf_life_days=365)
    stock(soap, 10, "2.00")

    result = services.adjust(item=soap, kind="returned", quantity=2, unit_cost="2.50")

    lot = Lot.objects.get(pk=result.lot_id)
    assert (lot.source, lot.quantity_received, lot.unit_cost) == (
        Lot.Source.RETURN,
        D("2"),
        D("2.5"),
    )
    assert lot.expires_at is not None
    (movement,) = Movement.objects.filter(kind=Movement.Kind.RETURNED)
    assert movement.quantity == D("2")
    assert_balanced()


def test_returned_stock_without_a_cost_uses_the_average(acme):
    oil = ItemFactory(stock_unit="kg")
    stock(oil, 1, "10.00")
    stock(oil, 3, "20.00")

    result = services.adjust(item=oil, kind="returned", quantity=500, unit="g")

    lot = Lot.objects.get(pk=result.lot_id)
    assert (lot.quantity_received, lot.unit_cost) == (D("0.5"), D("17.5"))


def test_returned_cost_is_converted_to_the_stock_unit(acme):
    oil = ItemFactory(stock_unit="kg")

    result = services.adjust(item=oil, kind="returned", quantity=500, unit="g", unit_cost="0.02")

    assert Lot.objects.get(pk=result.lot_id).unit_cost == D("20")


def test_reserved_stock_cannot_be_written_off_or_counted_away(acme, snapshot):
    soap = ItemFactory(name="Lavender soap", stock_unit="each")
    stock(soap, 10)
    services.reserve(item=soap, quantity=8, reference=("order", 1))
    before = snapshot()

    with pytest.raises(StockReserved) as caught:
        services.adjust(item=soap, kind="recount", quantity=5)
    assert str(caught.value) == (
        "8 pieces of Lavender soap is reserved for open orders, so the count can't go below that. "
        "Release or fulfil those reservations first."
    )
    with pytest.raises(StockReserved):
        services.adjust(item=soap, kind="trash", quantity=3)
    with pytest.raises(StockReserved):
        services.adjust(item=soap, kind="tester", quantity=3)
    assert snapshot() == before
    services.adjust(item=soap, kind="trash", quantity=2)
    assert_balanced()


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"kind": "borrowed", "quantity": 1}, InvalidAdjustment),
        ({"kind": "spoil"}, InvalidAdjustment),
        ({"kind": "spoil", "quantity": 0}, InvalidAmount),
        ({"kind": "spoil", "quantity": "-2"}, InvalidAmount),
        ({"kind": "spoil", "quantity": "two"}, InvalidAmount),
        ({"kind": "spoil", "quantity": "1e15"}, InvalidAmount),
        ({"kind": "recount", "quantity": "-1"}, InvalidAmount),
        ({"kind": "spoil", "quantity": 1, "unit": "blorp"}, UnknownUnit),
        ({"kind": "spoil", "quantity": 1, "unit": "ml"}, MissingDensity),
        ({"kind": "spoil", "quantity": 500}, InsufficientStock),
        ({"kind": "spoil", "quantity": 1, "unit_cost": "1"}, InvalidAdjustment),
        ({"kind": "recount", "quantity": 1, "lot": 1}, InvalidAdjustment),
        ({"kind": "returned", "quantity": 1, "unit_cost": "-1"}, InvalidAmount),
    ],
)
def test_bad_adjustments_are_refused_and_change_nothing(acme, snapshot, kwargs, error):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 100)
    before = snapshot()

    with pytest.raises(error) as caught:
        services.adjust(item=oil, **kwargs)

    assert caught.value.message
    assert snapshot() == before
