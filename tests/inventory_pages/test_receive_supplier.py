"""Receiving one item: the supplier comes from the directory (the lot then links to it, the item's
usual supplier chosen to start with) or is typed for one not in it; the guided receive from a
batch's stock check offers the same choice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.services import plan_batch
from inventory.models import Lot
from inventory.services import update_item
from purchasing.services import create_supplier, update_supplier
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory
from tests.inventory_pages.conftest import inventory_state
from tests.recipes.factories import make_item, make_recipe, stock


@pytest.fixture
def wax(acme):
    return ItemFactory(name="Beeswax", stock_unit="g")


@pytest.fixture
def hive(acme):
    return create_supplier(name="Hive & Co")


def _post(client, item, **fields):
    return client.post(
        f"/inventory/items/{item.pk}/receive/",
        {"quantity": "500", "unit": "g", "unit_cost": "0.01", **fields},
    )


def test_a_supplier_from_the_directory_links_the_lot(wax, hive, owner_client):
    response = _post(owner_client, wax, supplier_id=str(hive.pk), supplier_lot_code="H-22")
    assert response.status_code == 302
    lot = Lot.objects.get(item=wax)
    assert (lot.purchased_from_id, lot.supplier, lot.supplier_lot_code) == (
        hive.pk,
        "Hive & Co",
        "H-22",
    )


def test_a_supplier_not_in_the_directory_is_typed(wax, hive, owner_client):
    assert _post(owner_client, wax, supplier=" Market stall ").status_code == 302
    lot = Lot.objects.get(item=wax)
    assert (lot.purchased_from_id, lot.supplier) == (None, "Market stall")


def test_the_items_usual_supplier_is_chosen_to_start_with(acme, wax, hive, owner_client):
    create_supplier(name="Apis Ltd")
    update_item(item=wax, organization=acme, usual_supplier_id=hive.pk)
    form = page_text(owner_client.get(f"/inventory/items/{wax.pk}/receive/"))
    assert f'<option value="{hive.pk}" selected>Hive & Co</option>' in form
    assert ">Apis Ltd</option>" in form


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"supplier": "Someone else"}, "You chose Hive & Co from your suppliers"),
        ({"supplier_id": "999999"}, "That supplier is no longer in your list"),
    ],
)
def test_a_contradictory_or_gone_supplier_is_refused_and_nothing_written(
    wax, hive, owner_client, fields, message
):
    before = inventory_state()
    response = _post(owner_client, wax, **{"supplier_id": str(hive.pk), **fields})
    assert response.status_code == 200
    assert message in page_text(response)
    assert inventory_state() == before


def test_an_archived_supplier_is_not_offered(wax, hive, owner_client):
    update_supplier(supplier=hive, is_archived=True)
    assert "Hive & Co" not in page_text(owner_client.get(f"/inventory/items/{wax.pk}/receive/"))
    before = inventory_state()
    assert _post(owner_client, wax, supplier_id=str(hive.pk)).status_code == 200
    assert inventory_state() == before


def test_the_guided_receive_links_the_supplier_too(acme, hive, owner_client):
    lye = make_item("Sodium hydroxide")
    stock(lye, "50", "0.004")
    recipe = make_recipe("Castile soap", [(lye, "100", "g")], portion_name="bar", prefix="CAS")
    batch = plan_batch(version=recipe.current_version)
    path = f"/guide/batches/{batch.pk}/receive/{lye.pk}/"
    assert f'<option value="{hive.pk}">Hive & Co</option>' in page_text(owner_client.get(path))
    response = owner_client.post(
        path, {"quantity": "50", "unit": "g", "unit_cost": "0.004", "supplier_id": str(hive.pk)}
    )
    assert response["Location"] == f"/guide/batches/{batch.pk}/check/"
    lot = Lot.objects.filter(item=lye).latest("pk")
    assert (lot.purchased_from_id, lot.supplier, lot.quantity_received) == (
        hive.pk,
        "Hive & Co",
        Decimal("50"),
    )
