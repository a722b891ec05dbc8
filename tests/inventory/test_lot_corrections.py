"""Correcting a lot's dates, supplier and cost, and releasing a cure early: every change is recorded
(who, what, old and new), a wrong cost is a revaluation that keeps the books balanced, and a refused
correction changes nothing. Shortfalls say how much is curing, until when, and what fixes it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction

from inventory import services
from inventory.errors import InsufficientStock, InvalidCorrection, LotNotCuring
from inventory.models import Lot, LotCorrection, Movement
from inventory.shelf_life import day_words
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead, stock

D = Decimal


@pytest.fixture
def bars(acme):
    item = ItemFactory(name="Olive Coconut Bar", stock_unit="each", kind="product")
    lot = stock(item, 10, "0.60", hold_until=ahead(28), supplier="", supplier_lot_code="")
    return item, lot


def test_release_cure_ends_it_now_and_records_who(bars):
    item, lot = bars
    released = services.release_cure(lot=lot, actor_id=7)
    assert not released.is_curing()
    row = LotCorrection.objects.get()
    assert (row.field, row.old_value, row.actor_id, row.note) == (
        "hold_until",
        lot.hold_until.isoformat(),
        7,
        "Cure released early",
    )
    assert services.consume(item=item, quantity=2, kind="sale").total_cost == D("1.2")


def test_release_of_a_lot_that_is_not_curing_is_refused(bars, snapshot):
    item, _ = bars
    ready = stock(item, 5, "0.60")
    before = snapshot()
    with pytest.raises(LotNotCuring, match="isn't curing"):
        services.release_cure(lot=ready)
    assert snapshot() == before and not LotCorrection.objects.exists()


def test_dates_and_supplier_are_corrected_field_by_field(bars):
    _, lot = bars
    later, best_before = ahead(40), ahead(400)
    result = services.correct_lot(
        lot=lot,
        hold_until=later,
        expires_at=best_before,
        supplier=" Oleo  Farms ",
        supplier_lot_code="OF-12",
        note="Typo on the label",
        actor_id=3,
    )
    lot.refresh_from_db()
    assert (lot.hold_until, lot.expires_at, lot.supplier, lot.supplier_lot_code) == (
        later,
        best_before,
        "Oleo Farms",
        "OF-12",
    )
    changes = {(c.field, c.new_value) for c in result.corrections}
    assert changes == {
        ("hold_until", later.isoformat()),
        ("expires_at", best_before.isoformat()),
        ("supplier", "Oleo Farms"),
        ("supplier_lot_code", "OF-12"),
    }
    assert {c.operation_id for c in result.corrections} == {result.corrections[0].operation_id}
    assert not Movement.objects.filter(kind="revalue").exists()  # no money moved


def test_refused_correction_names_every_problem_and_changes_nothing(bars, snapshot):
    _, lot = bars
    before = snapshot()
    with pytest.raises(InvalidCorrection) as caught:
        services.correct_lot(lot=lot, hold_until=ago(1), supplier="x" * 121, unit_cost="-1")
    assert set(caught.value.details["errors"]) == {"hold_until", "supplier", "unit_cost"}
    with pytest.raises(InvalidCorrection, match="after the date the stock was received"):
        services.correct_lot(lot=lot, expires_at=ago(1))
    with pytest.raises(InvalidCorrection, match="Nothing to correct"):
        services.correct_lot(lot=lot, hold_until=lot.hold_until)
    assert snapshot() == before and not LotCorrection.objects.exists()


@pytest.mark.parametrize("method", ["fifo", "average"])
def test_cost_correction_revalues_what_is_left_and_keeps_the_books(bars, method):
    services.set_costing_method(method=method)
    item, lot = bars
    services.release_cure(lot=lot)
    services.consume(item=item, quantity=4, kind="sale")  # charged at 0.60: stays so
    result = services.correct_lot(lot=lot, unit_cost="0.85", actor_id=1)
    assert result.revalued_by == D("1.5")  # 6 left x 0.25
    revalue = Movement.objects.get(kind="revalue")
    assert (revalue.lot_id, revalue.quantity, revalue.value) == (lot.pk, 0, D("1.5"))
    assert services.stock_value(item) == D("5.1")
    assert Lot.objects.get(pk=lot.pk).unit_cost == D("0.85")
    assert LotCorrection.objects.get(field="unit_cost").old_value == "0.6"
    assert_balanced()


def test_corrections_are_append_only(bars):
    _, lot = bars
    services.release_cure(lot=lot)
    with pytest.raises(DatabaseError), transaction.atomic():
        LotCorrection.objects.update(new_value="")


def test_shortfall_says_what_is_curing_until_when_and_how_to_fix_it(bars):
    item, lot = bars
    with pytest.raises(InsufficientStock) as caught:
        services.consume(item=item, quantity=2, kind="sale")
    short = caught.value.shortfalls[0]
    assert short.message == (
        f"You need 2 more pieces of Olive Coconut Bar: this needs 2 pieces. On the shelf: 10 pieces "
        f"curing until {day_words(lot.hold_until)}; 0 pieces ready to use. If they are ready now, release "
        "the cure early."
    )
    assert caught.value.details["fixes"] == [
        (
            "Release the cure of Olive Coconut Bar now",
            "inventory:lot_release",
            (lot.pk,),
        )
    ]


def test_shortfall_counts_expired_and_reserved_stock(acme):
    item = ItemFactory(name="Tin", stock_unit="each")
    old = stock(item, 3, "1", days_ago=30, expires_at=ahead(9))
    services.correct_lot(lot=old, expires_at=ago(1))  # it was past its date all along
    stock(item, 5, "1")
    services.reserve(item=item, quantity=4)
    with pytest.raises(InsufficientStock) as caught:
        services.consume(item=item, quantity=2)
    assert caught.value.shortfalls[0].held_message == (
        "On the shelf: 3 pieces past their best-before date, 4 pieces held for orders; "
        "1 piece ready to use."
    )
    assert caught.value.details["fixes"] == []


def test_stock_check_explains_curing_stock_too(bars):
    item, lot = bars
    (line,) = services.check_stock(lines=[(item, 2, "each")]).lines
    assert line.message.endswith(
        f"On the shelf: 10 pieces curing until {day_words(lot.hold_until)}; 0 pieces ready to use. "
        "If they are ready now, release the cure early."
    )


def test_each_curing_lot_gets_its_own_release_link(bars):
    item, first = bars
    second = stock(item, 5, "0.60", hold_until=ahead(40))
    with pytest.raises(InsufficientStock) as caught:
        services.consume(item=item, quantity=2, kind="sale")
    labels = [label for label, _, _ in caught.value.details["fixes"]]
    assert labels == [
        f"Release the cure of Olive Coconut Bar now (L{lot.pk}, curing until "
        f"{day_words(lot.hold_until)})"
        for lot in (first, second)
    ]
