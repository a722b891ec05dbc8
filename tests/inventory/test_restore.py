from __future__ import annotations

from decimal import Decimal

import pytest

from inventory import services
from inventory.errors import AlreadyRestored, ItemNotTracked, NothingToRestore
from inventory.models import Movement
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, stock

D = Decimal


def test_restore_returns_each_quantity_to_the_exact_lot_it_came_from(acme):
    oil = ItemFactory()
    a = stock(oil, 100, "1.00", days_ago=3)
    b = stock(oil, 100, "2.00", days_ago=2)
    services.consume(item=oil, quantity=150, reference=("batch", 42))
    # Someone else's consumption empties part of B; the restore must still credit A and B exactly.
    services.consume(item=oil, quantity=20, reference=("batch", 43))
    c = stock(oil, 100, "3.00", days_ago=1)

    result = services.restore(reference=("batch", 42), actor_id=5, note="Batch cancelled")

    a.refresh_from_db()
    b.refresh_from_db()
    c.refresh_from_db()
    assert (a.quantity_remaining, b.quantity_remaining, c.quantity_remaining) == (
        D("100"),
        D("80"),
        D("100"),
    )
    assert [(m.lot_id, m.quantity, m.unit_cost) for m in result.movements] == [
        (a.pk, D("100"), D("1.00")),
        (b.pk, D("50"), D("2.00")),
    ]
    assert result.total_cost == D("200")
    restored = Movement.objects.filter(kind=Movement.Kind.RESTORE)
    assert {(m.reference_type, m.reference_id, m.actor_id, m.note) for m in restored} == {
        ("batch", 42, 5, "Batch cancelled")
    }
    assert_balanced()


def test_restore_covers_every_item_and_untracked_usage(acme):
    oil = ItemFactory()
    lye = ItemFactory()
    water = ItemFactory(is_tracked=False, untracked_unit_cost="0.001")
    stock(oil, 100)
    stock(lye, 50)
    services.consume_many(
        lines=[(oil, 60, "g"), (lye, 10, "g"), (water, 200, "g")], reference=("batch", 9)
    )

    result = services.restore(reference=("batch", 9))

    oil.refresh_from_db()
    lye.refresh_from_db()
    water.refresh_from_db()
    assert (oil.on_hand, lye.on_hand, water.on_hand) == (D("100"), D("50"), D("0"))
    assert len(result.movements) == 3
    untracked = Movement.objects.get(kind=Movement.Kind.RESTORE, item=water)
    assert (untracked.quantity, untracked.affects_stock, untracked.lot_id) == (
        D("200"),
        False,
        None,
    )
    assert_balanced()


def test_a_second_restore_is_refused_and_changes_nothing(acme, snapshot):
    oil = ItemFactory()
    stock(oil, 100)
    services.consume(item=oil, quantity=10, reference=("batch", 1))
    services.restore(reference=("batch", 1))
    before = snapshot()

    with pytest.raises(AlreadyRestored) as caught:
        services.restore(reference=("batch", 1))

    assert str(caught.value) == (
        "The stock used by batch 1 was already put back; it can't be put back twice."
    )
    assert snapshot() == before


def test_restoring_a_reference_that_consumed_nothing_is_refused(acme):
    with pytest.raises(NothingToRestore):
        services.restore(reference=("batch", 404))


def test_restore_refuses_stock_for_an_item_no_longer_tracked(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 10)
    services.consume(item=oil, quantity=10, reference=("batch", 5))
    services.update_item(item=oil, is_tracked=False)
    before = snapshot()

    with pytest.raises(ItemNotTracked):
        services.restore(reference=("batch", 5))
    assert snapshot() == before
