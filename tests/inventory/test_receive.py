from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inventory import services
from inventory.errors import (
    IncompatibleUnits,
    InvalidAmount,
    InvalidCost,
    InvalidDate,
    ItemArchived,
    ItemNotTracked,
    MissingDensity,
    UnknownUnit,
)
from inventory.models import Lot, Movement
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead

D = Decimal


def test_receiving_grams_into_a_kilogram_item_converts_quantity_and_cost(acme):
    butter = ItemFactory(name="Shea butter", stock_unit="kg")

    lot = services.receive(item=butter, quantity=500, unit="g", unit_cost="0.01")

    assert (lot.quantity_received, lot.quantity_remaining, lot.unit_cost) == (
        D("0.5"),
        D("0.5"),
        D("10"),
    )
    (movement,) = Movement.objects.filter(item=butter)
    assert (movement.kind, movement.quantity, movement.unit_cost, movement.lot_id) == (
        Movement.Kind.RECEIVE,
        D("0.5"),
        D("10"),
        lot.pk,
    )
    butter.refresh_from_db()
    assert butter.on_hand == D("0.5")
    assert_balanced()


def test_total_cost_becomes_cost_per_stock_unit(acme):
    oil = ItemFactory(stock_unit="g")

    lot = services.receive(item=oil, quantity="2", unit="kg", total_cost="30.00")

    assert (lot.quantity_received, lot.unit_cost) == (D("2000"), D("0.015"))


def test_receiving_volume_into_a_weight_item_uses_density(acme):
    oil = ItemFactory(name="Olive oil", stock_unit="g", density_g_per_ml="0.91")

    lot = services.receive(item=oil, quantity=100, unit="ml", unit_cost="0.091")

    assert (lot.quantity_received, lot.unit_cost) == (D("91"), D("0.1"))


def test_expiry_defaults_to_shelf_life_from_the_received_date(acme):
    oil = ItemFactory(shelf_life_days=365)
    received = ago(10)

    lot = services.receive(item=oil, quantity=1, unit_cost=1, received_at=received)

    assert lot.expires_at == received + timedelta(days=365)


def test_supplier_details_hold_and_reference_are_kept(acme):
    soap = ItemFactory(stock_unit="each", kind="product")
    cure = ahead(28)

    lot = services.receive(
        item=soap,
        quantity=24,
        unit_cost="1.8725",
        hold_until=cure,
        supplier="Own production",
        supplier_lot_code="B-0042",
        source=Lot.Source.BATCH_OUTPUT,
        reference=("batch", 42),
        actor_id=7,
    )

    assert (lot.supplier, lot.supplier_lot_code, lot.hold_until, lot.source) == (
        "Own production",
        "B-0042",
        cure,
        Lot.Source.BATCH_OUTPUT,
    )
    (movement,) = Movement.objects.filter(lot=lot)
    assert (movement.kind, movement.reference_type, movement.reference_id, movement.actor_id) == (
        Movement.Kind.BATCH_OUTPUT,
        "batch",
        42,
        7,
    )


def test_receive_with_the_same_idempotency_key_returns_the_first_lot(acme):
    oil = ItemFactory()

    first = services.receive(item=oil, quantity=5, unit_cost=1, idempotency_key="po-17-line-1")
    again = services.receive(item=oil, quantity=5, unit_cost=1, idempotency_key="po-17-line-1")

    assert again.pk == first.pk
    assert Lot.objects.count() == 1
    oil.refresh_from_db()
    assert oil.on_hand == D("5")


@pytest.mark.parametrize(
    ("kwargs", "error", "code", "message"),
    [
        (
            {"quantity": 0},
            InvalidAmount,
            "INVALID_AMOUNT",
            "The quantity must be more than zero; 0 was given.",
        ),
        (
            {"quantity": "-3"},
            InvalidAmount,
            "INVALID_AMOUNT",
            "The quantity must be more than zero; -3 was given.",
        ),
        (
            {"quantity": "lots"},
            InvalidAmount,
            "INVALID_AMOUNT",
            "Enter the quantity as a number, for example 250 or 12.5.",
        ),
        ({"quantity": "1e15"}, InvalidAmount, "INVALID_AMOUNT", None),
        ({"quantity": "2e9", "unit": "kg"}, InvalidAmount, "INVALID_AMOUNT", None),
        ({"quantity": "0.0000001", "unit": "g"}, InvalidAmount, "INVALID_AMOUNT", None),
        ({"unit": "blorp"}, UnknownUnit, "UNKNOWN_UNIT", None),
        ({"unit": "each"}, IncompatibleUnits, "INCOMPATIBLE_UNITS", None),
        (
            {"unit": "ml"},
            MissingDensity,
            "MISSING_DENSITY",
            "Olive oil has no density, so ml can't be turned into g. Add its density (g/ml) on the item page.",
        ),
        ({"unit_cost": None}, InvalidCost, "INVALID_COST", None),
        (
            {"total_cost": "5"},
            InvalidCost,
            "INVALID_COST",
            "Enter the cost per unit or the total cost, not both.",
        ),
        (
            {"unit_cost": "-1"},
            InvalidAmount,
            "INVALID_AMOUNT",
            "The cost must be zero or more; -1 was given.",
        ),
        ({"unit_cost": "free"}, InvalidAmount, "INVALID_AMOUNT", None),
        ({"received_at": ahead(2)}, InvalidDate, "INVALID_DATE", None),
        ({"received_at": ago(1), "expires_at": ago(2)}, InvalidDate, "INVALID_DATE", None),
        ({"expires_at": timezone.now().replace(tzinfo=None)}, InvalidDate, "INVALID_DATE", None),
    ],
)
def test_bad_receipts_are_refused_and_change_nothing(acme, snapshot, kwargs, error, code, message):
    oil = ItemFactory(name="Olive oil", stock_unit="g")
    arguments = {"item": oil, "quantity": 100, "unit": "g", "unit_cost": "1.00", **kwargs}
    before = snapshot()

    with pytest.raises(error) as caught:
        services.receive(**arguments)

    assert caught.value.code == code
    if message:
        assert str(caught.value) == message
    assert snapshot() == before


def test_untracked_items_receive_nothing(acme, snapshot):
    water = ItemFactory(name="Tap water", is_tracked=False)
    before = snapshot()

    with pytest.raises(ItemNotTracked) as caught:
        services.receive(item=water, quantity=1, unit_cost=0)

    assert "Tap water isn't stock-tracked" in str(caught.value)
    assert snapshot() == before


def test_archived_items_receive_nothing(acme, snapshot):
    old = ItemFactory(is_archived=True)
    before = snapshot()

    with pytest.raises(ItemArchived):
        services.receive(item=old, quantity=1, unit_cost=0)
    assert snapshot() == before
