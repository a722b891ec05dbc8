"""Returns never extend shelf life: a return naming its source goes back to the exact lots it came from
(cost and expiry included, never more than each gave); one without a source takes the earliest expiry
on the shelf and the current cost."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory import services
from inventory.errors import AlreadyRestored, InvalidAdjustment, InvalidAmount, NothingToRestore
from inventory.models import Lot, Movement
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ahead, stock

D = Decimal


@pytest.fixture
def two_lots(acme):
    """Soap bars: lot `late` (expires in 90 days, $2) received first, lot `early` (30 days, $3)."""
    bars = ItemFactory(name="Lavender bar", stock_unit="each")
    late = stock(bars, 10, "2.00", days_ago=2, expires_at=ahead(90))
    early = stock(bars, 10, "3.00", days_ago=1, expires_at=ahead(30))
    return bars, late, early


def remaining(lot: Lot) -> Decimal:
    lot.refresh_from_db()
    return lot.quantity_remaining


def test_part_of_a_sale_goes_back_to_the_earliest_expiring_lot_it_came_from(two_lots):
    bars, late, early = two_lots
    services.consume(item=bars, quantity=15, kind="sale", reference=("sale", 1))  # 10 late, 5 early

    result = services.adjust(item=bars, kind="returned", quantity=7, source=("sale", 1))

    assert [(m.lot_id, m.quantity, m.unit_cost) for m in result.movements] == [
        (early.pk, D("5"), D("3.00")),
        (late.pk, D("2"), D("2.00")),
    ]
    assert result.value_change == D("19")
    assert (remaining(late), remaining(early)) == (D("2"), D("10"))
    assert not Lot.objects.filter(source=Lot.Source.RETURN).exists()
    assert_balanced()


def test_a_source_gives_back_no_more_than_it_took(two_lots, snapshot):
    bars, _, _ = two_lots
    services.consume(item=bars, quantity=4, kind="sale", reference=("sale", 2))
    services.adjust(item=bars, kind="returned", quantity=3, source=("sale", 2))
    before = snapshot()

    with pytest.raises(InvalidAmount) as caught:
        services.adjust(item=bars, kind="returned", quantity=2, source=("sale", 2))

    assert str(caught.value) == (
        "Only 1 piece of Lavender bar taken for sale 2 hasn't been given back yet, "
        "so 2 pieces can't be."
    )
    assert snapshot() == before
    services.adjust(item=bars, kind="returned", quantity=1, source=("sale", 2))
    with pytest.raises(AlreadyRestored):
        services.adjust(item=bars, kind="returned", quantity=1, source=("sale", 2))
    assert_balanced()


def test_a_disposal_named_by_its_ledger_row_goes_back_to_its_lot(two_lots):
    bars, late, _ = two_lots
    spoiled = services.adjust(item=bars, kind="damaged", quantity=3)
    row = spoiled.movements[0].movement_id

    services.adjust(item=bars, kind="returned", quantity=3, source=("movement", row))

    assert remaining(late) == D("10")
    assert_balanced()


def test_a_batch_cancel_after_a_partial_return_gives_back_only_the_rest(two_lots):
    bars, late, early = two_lots
    services.consume(item=bars, quantity=12, reference=("batch", 5))
    services.adjust(item=bars, kind="returned", quantity=2, source=("batch", 5))

    back = services.restore(reference=("batch", 5))

    assert sum((m.quantity for m in back.movements), D(0)) == D("10")
    assert (remaining(late), remaining(early)) == (D("10"), D("10"))
    assert_balanced()


def test_a_source_that_took_nothing_is_refused(two_lots, snapshot):
    bars, _, _ = two_lots
    before = snapshot()

    with pytest.raises(NothingToRestore):
        services.adjust(item=bars, kind="returned", quantity=1, source=("sale", 99))
    assert snapshot() == before


def test_a_return_to_its_source_takes_no_cost_or_date(two_lots):
    bars, _, _ = two_lots
    with pytest.raises(InvalidAdjustment):
        services.adjust(item=bars, kind="returned", quantity=1, unit_cost="1", source=("sale", 1))


def test_a_return_without_a_source_takes_the_earliest_expiry_and_the_current_cost(two_lots):
    bars, _, early = two_lots

    result = services.adjust(item=bars, kind="returned", quantity=2)

    lot = Lot.objects.get(pk=result.lot_id)
    assert lot.expires_at == early.expires_at
    assert lot.unit_cost == D("2.5")
    assert result.value_change == D("5")
    assert_balanced()


def test_a_return_without_a_source_and_no_stock_takes_the_shelf_life(acme):
    bars = ItemFactory(name="Rose bar", stock_unit="each", shelf_life_days=365)
    lot = stock(bars, 1, "2.00", expires_at=ahead(10))
    services.consume(item=bars, quantity=1)

    result = services.adjust(item=bars, kind="returned", quantity=1)

    returned = Lot.objects.get(pk=result.lot_id)
    assert returned.expires_at.date() == ahead(365).date()
    assert returned.unit_cost == lot.unit_cost
    assert_balanced()


def test_a_returned_sale_from_the_products_app_goes_back_to_its_lots(two_lots):
    bars, late, early = two_lots
    services.consume(item=bars, quantity=12, kind="sale", reference=("sale", 3))

    services.restore(reference=("sale", 3), item=bars, quantity=1)

    assert Movement.objects.filter(kind="restore", lot=early).get().quantity == D("1")
    assert (remaining(late), remaining(early)) == (D("0"), D("9"))
