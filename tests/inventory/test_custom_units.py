from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from inventory import services
from inventory.errors import InvalidAmount, InvalidCustomUnit, UnknownUnit
from inventory.models import CustomUnit
from tests.inventory.factories import ItemFactory, stock

D = Decimal


def test_same_kind_custom_unit_converts_in_services(acme):
    services.create_custom_unit(name="Scoop", quantity=2, unit="tbsp")
    cocoa = ItemFactory(name="Cocoa", stock_unit="ml")
    stock(cocoa, 1000)

    result = services.consume(item=cocoa, quantity=3, unit="scoops")

    assert result.quantity == D("88.720589")  # 6 tbsp = 88.7205886875 ml, stored to 6 places


def test_piece_custom_unit_turns_pieces_into_weight(acme):
    services.create_custom_unit(name="bar", quantity=113, unit="g", kind="count")
    chocolate = ItemFactory(name="Chocolate", stock_unit="kg")

    lot = services.receive(item=chocolate, quantity=10, unit="bar", unit_cost="2.26")

    assert (lot.quantity_received, lot.unit_cost) == (D("1.13"), D("20"))


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"name": "cup", "quantity": 1, "unit": "ml"}, InvalidCustomUnit),
        ({"name": "Grams", "quantity": 1, "unit": "ml"}, InvalidCustomUnit),
        ({"name": "  ", "quantity": 1, "unit": "ml"}, InvalidCustomUnit),
        ({"name": "123", "quantity": 1, "unit": "ml"}, InvalidCustomUnit),
        ({"name": "scoop", "quantity": 0, "unit": "ml"}, InvalidAmount),
        ({"name": "scoop", "quantity": "x", "unit": "ml"}, InvalidAmount),
        ({"name": "scoop", "quantity": 1, "unit": "smidgen"}, UnknownUnit),
        ({"name": "scoop", "quantity": 1, "unit": "g", "kind": "volume"}, InvalidCustomUnit),
        ({"name": "scoop", "quantity": 1, "unit": "g", "kind": "colour"}, InvalidCustomUnit),
    ],
)
def test_bad_custom_units_are_refused(acme, kwargs, error):
    with pytest.raises(error):
        services.create_custom_unit(**kwargs)
    assert not CustomUnit.objects.exists()


def test_custom_unit_names_are_unique_including_plurals(acme):
    services.create_custom_unit(name="scoop", quantity=2, unit="tbsp")
    with pytest.raises(InvalidCustomUnit):
        services.create_custom_unit(name="Scoops", quantity=3, unit="tbsp")


def test_deleted_custom_units_stop_converting(acme):
    scoop = services.create_custom_unit(name="scoop", quantity=2, unit="tbsp")
    cocoa = ItemFactory(stock_unit="ml")
    services.delete_custom_unit(custom_unit=scoop)

    with pytest.raises(UnknownUnit):
        services.receive(item=cocoa, quantity=1, unit="scoop", unit_cost=0)


def test_another_workspaces_custom_units_are_invisible(org_a, org_b):
    with tenant_context(org_a):
        services.create_custom_unit(name="scoop", quantity=2, unit="tbsp")
    with tenant_context(org_b):
        cocoa = ItemFactory(stock_unit="ml")
        assert not CustomUnit.objects.exists()
        with pytest.raises(UnknownUnit):
            services.receive(item=cocoa, quantity=1, unit="scoop", unit_cost=0)
