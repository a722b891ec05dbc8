"""The supplier directory, and items' usual supplier and purchase unit (inventory's fields, through
inventory's item services)."""

from __future__ import annotations

import pytest

from inventory.errors import InvalidItem
from inventory.services import create_custom_unit, create_item, update_item
from purchasing.errors import DuplicateSupplierName, InvalidSupplier
from purchasing.models import Supplier
from purchasing.services import create_supplier, update_supplier
from tests.recipes.factories import make_item


def test_create_supplier_cleans_its_fields(acme):
    supplier = create_supplier(
        name="  Oleo   Co. ", email="orders@oleo.example", lead_time_days=5, phone=" 555 0100 "
    )
    assert (supplier.name, supplier.email, supplier.lead_time_days, supplier.phone) == (
        "Oleo Co.",
        "orders@oleo.example",
        5,
        "555 0100",
    )


def test_every_bad_field_is_named_at_once(acme):
    with pytest.raises(InvalidSupplier) as refused:
        create_supplier(name="", email="not-an-email", lead_time_days=400)
    assert refused.value.details["errors"] == {
        "name": "Give the supplier a name.",
        "email": "'not-an-email' isn't an email address.",
        "lead_time_days": "The lead time is a number of days from 0 to 365.",
    }
    assert not Supplier.objects.exists()


def test_names_are_unique_among_active_suppliers(oleo):
    with pytest.raises(DuplicateSupplierName):
        create_supplier(name="OLEO CO.")
    update_supplier(supplier=oleo, is_archived=True)
    again = create_supplier(name="Oleo Co.")
    with pytest.raises(DuplicateSupplierName):
        update_supplier(supplier=oleo, is_archived=False)
    assert Supplier.objects.get(pk=oleo.pk).is_archived and not again.is_archived


def test_an_item_knows_its_usual_supplier_and_purchase_unit(oleo):
    item = create_item(
        organization=acme_org(), name="Olive oil", stock_unit="g", usual_supplier_id=oleo.pk
    )
    updated = update_item(item=item, purchase_unit="Kilograms")
    assert (updated.usual_supplier_id, updated.purchase_unit) == (oleo.pk, "kg")


def test_a_custom_purchase_unit_must_convert_to_the_stock_unit(oleo):
    create_custom_unit(name="jug", quantity="4", unit="l")
    oil = make_item("Olive oil")
    with pytest.raises(InvalidItem) as refused:
        update_item(item=oil, purchase_unit="jug")
    assert refused.value.field == "purchase_unit"
    assert refused.value.message.startswith("You can't buy Olive oil in jug: ")
    assert update_item(item=oil, density_g_per_ml="0.91", purchase_unit="jug").purchase_unit == (
        "jug"
    )


def test_an_archived_supplier_cannot_become_an_items_usual_one(oleo):
    update_supplier(supplier=oleo, is_archived=True)
    item = make_item("Olive oil")
    with pytest.raises(InvalidItem) as refused:
        update_item(item=item, usual_supplier_id=oleo.pk)
    assert refused.value.field == "usual_supplier_id"
    item.refresh_from_db()
    assert item.usual_supplier_id is None


def acme_org():
    from batchtrack.tenancy import active_tenant

    return active_tenant()
