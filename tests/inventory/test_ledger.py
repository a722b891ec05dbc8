"""The database itself keeps the ledger append-only and the balances within bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from inventory.models import Item, Lot, Movement
from tests.inventory.factories import ItemFactory, stock

D = Decimal


@pytest.fixture
def movement(acme):
    oil = ItemFactory()
    stock(oil, 10)
    return Movement.objects.get(item=oil)


def test_the_orm_cannot_update_a_movement(movement):
    movement.quantity = D("999")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        movement.save()
    movement.refresh_from_db()
    assert movement.quantity == D("10")


def test_raw_sql_cannot_update_or_delete_a_movement(movement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE inventory_movement SET note = 'edited' WHERE id = %s", [movement.pk])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM inventory_movement WHERE id = %s", [movement.pk])
    assert Movement.objects.filter(pk=movement.pk, note="").exists()


def test_queryset_delete_and_update_are_refused(movement):
    with pytest.raises(DatabaseError), transaction.atomic():
        Movement.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Movement.objects.update(note="bulk edit")
    assert Movement.objects.count() == 1


def test_truncate_stays_possible(movement):
    with transaction.atomic(), connection.cursor() as cursor:
        # Fire the deferred FK checks of this test's own inserts first (TRUNCATE refuses pending ones).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE inventory_movement CASCADE")
        cursor.execute("SELECT count(*) FROM inventory_movement")
        assert cursor.fetchone() == (0,)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("model", "change"),
    [
        (Lot, {"quantity_remaining": D("-1")}),
        (Lot, {"quantity_remaining": D("11")}),
        (Lot, {"unit_cost": D("-1")}),
        (Item, {"on_hand": D("-1")}),
        (Item, {"reserved": D("11")}),
        (Item, {"reserved": D("-1")}),
    ],
)
def test_check_constraints_hold_balances_within_bounds(acme, model, change):
    oil = ItemFactory()
    lot = stock(oil, 10)
    target = lot if model is Lot else oil

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=target.pk).update(**change)


def test_an_untracked_item_cannot_hold_stock(acme):
    water = ItemFactory(is_tracked=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=water.pk).update(on_hand=D("1"))
