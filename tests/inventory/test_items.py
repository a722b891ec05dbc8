from __future__ import annotations

from decimal import Decimal

import pytest

from billing.errors import LimitReached
from billing.policy import effective_tier
from inventory import services, units
from inventory.errors import (
    DuplicateItemName,
    InvalidItem,
    ItemHasStock,
    LibraryFieldLocked,
    MissingDensity,
    StockUnitLocked,
)
from inventory.models import Item
from tests.inventory.factories import ItemFactory, stock

D = Decimal


def test_create_item_cleans_and_stores_the_fields(acme):
    item = services.create_item(
        organization=acme,
        name="  Olive   oil ",
        stock_unit="Grams",
        kind="ingredient",
        density_g_per_ml="0.91",
        shelf_life_days=540,
        low_stock_threshold="500",
        category="Oils",
    )

    item.refresh_from_db()
    assert (item.name, item.stock_unit, item.density_g_per_ml, item.shelf_life_days) == (
        "Olive oil",
        "g",
        D("0.91"),
        540,
    )
    assert (item.on_hand, item.reserved, item.is_tracked, item.low_stock_threshold) == (
        0,
        0,
        True,
        D("500"),
    )


def test_create_item_reports_every_problem_at_once(acme):
    with pytest.raises(InvalidItem) as caught:
        services.create_item(
            organization=acme,
            name=" ",
            stock_unit="furlong",
            kind="spaceship",
            density_g_per_ml="-1",
            shelf_life_days=0,
        )

    assert set(caught.value.details["errors"]) == {
        "name",
        "stock_unit",
        "kind",
        "density_g_per_ml",
        "shelf_life_days",
    }
    assert caught.value.field == "name"
    assert not Item.objects.exists()


def test_names_are_unique_among_active_items_in_any_case(acme):
    services.create_item(organization=acme, name="Olive oil", stock_unit="g")

    with pytest.raises(DuplicateItemName) as caught:
        services.create_item(organization=acme, name="OLIVE OIL", stock_unit="ml")

    assert str(caught.value) == (
        "You already have an item called OLIVE OIL. Use that one, or give this one another name."
    )
    assert Item.objects.count() == 1


def test_creating_beyond_the_tiers_item_limit_is_refused(acme):
    allowed = effective_tier(acme).limit("items")
    if allowed is None:
        pytest.skip("this tier has no item limit")
    Item.objects.bulk_create(Item(name=f"Item {n}", stock_unit="g") for n in range(allowed))

    with pytest.raises(LimitReached):
        services.create_item(organization=acme, name="One too many", stock_unit="g")
    assert Item.objects.count() == allowed


def test_setting_a_density_lets_volume_convert(acme):
    oil = ItemFactory(name="Olive oil")
    with pytest.raises(MissingDensity):
        services.receive(item=oil, quantity=100, unit="ml", unit_cost=0)

    services.update_item(item=oil, density_g_per_ml="0.91")
    lot = services.receive(item=oil, quantity=100, unit="ml", unit_cost=0)

    assert lot.quantity_received == D("91")


def test_library_items_lock_name_kind_and_density(acme):
    oil = ItemFactory(name="Olive oil", library_item_id=12, density_g_per_ml="0.91")

    with pytest.raises(LibraryFieldLocked) as caught:
        services.update_item(item=oil, name="My olive oil")

    assert str(caught.value) == (
        "Olive oil comes from the ingredient library, so its name, kind and density are locked. "
        "Unlink it from the library to edit them."
    )
    with pytest.raises(LibraryFieldLocked):
        services.update_item(item=oil, density_g_per_ml="0.92")
    oil.refresh_from_db()
    assert (oil.name, oil.density_g_per_ml) == ("Olive oil", D("0.91"))
    # Other fields stay editable, and unchanged identity values are not edits.
    services.update_item(item=oil, name="Olive oil", low_stock_threshold=50, shelf_life_days=400)


def test_unlinking_frees_the_identity_fields(acme):
    oil = ItemFactory(name="Olive oil", library_item_id=12)

    updated = services.update_item(item=oil, library_item_id=None, name="Cold-pressed olive oil")

    assert (updated.library_item_id, updated.name) == (None, "Cold-pressed olive oil")


def test_stock_unit_is_locked_once_there_is_history(acme):
    oil = ItemFactory(stock_unit="g")
    services.update_item(item=oil, stock_unit="kg")
    stock(oil, 1)

    with pytest.raises(StockUnitLocked):
        services.update_item(item=oil, stock_unit="lb")
    oil.refresh_from_db()
    assert oil.stock_unit == "kg"


def test_tracking_cannot_be_turned_off_or_the_item_archived_with_stock(acme):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 40)

    with pytest.raises(ItemHasStock) as caught:
        services.update_item(item=oil, is_tracked=False)
    assert "Olive oil still has 40 g on hand" in str(caught.value)
    with pytest.raises(ItemHasStock):
        services.update_item(item=oil, is_archived=True)

    services.adjust(item=oil, kind="trash", quantity=40)
    services.update_item(item=oil, is_archived=True)
    oil.refresh_from_db()
    assert oil.is_archived


def test_restoring_an_archived_item_checks_its_name_is_free(acme):
    old = ItemFactory(name="Olive oil", is_archived=True)
    ItemFactory(name="Olive oil")

    with pytest.raises(DuplicateItemName):
        services.update_item(item=old, organization=acme, is_archived=False)


def test_unit_choices_cover_every_standard_unit():
    assert [code for code, _ in units.UNIT_CHOICES] == list(units.STANDARD_UNIT_CODES)
