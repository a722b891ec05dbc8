"""The units settings page: custom units listed, created and deleted; densities set per item."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory import services
from inventory.models import CustomUnit, Item
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory
from tests.inventory_pages.conftest import client_as, inventory_state, library_entry, plain, rows

D = Decimal


def test_custom_units_are_listed(acme, viewer_client):
    services.create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    services.create_custom_unit(name="bar", quantity="113", unit="g", kind="count")
    assert rows(viewer_client.get("/inventory/units/"), table=0) == [
        "bar 113 g Count (a piece)",
        "scoop 2 tbsp Volume",
    ]


@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_roles_that_may_edit_create_a_unit(acme, role):
    client, _ = client_as(acme, role)
    response = client.post(
        "/inventory/units/new/", {"name": "Bar", "quantity": "113", "unit": "g", "kind": "count"}
    )
    assert response.status_code == 302
    unit = CustomUnit.objects.get()
    assert (unit.name, unit.quantity, unit.unit, unit.kind) == ("bar", D("113"), "g", "count")
    assert "Added the unit 1 bar = 113 g." in page_text(client.get(response["Location"]))


def test_a_same_kind_unit_takes_the_kind_of_its_definition(acme, owner_client):
    owner_client.post("/inventory/units/new/", {"name": "scoop", "quantity": "2", "unit": "tbsp"})
    assert CustomUnit.objects.get().kind == "volume"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "gram"}, "'gram' already means g, a standard unit. Pick another name."),
        ({"name": "123"}, "A unit name needs at least one letter."),
        ({"quantity": "0"}, "The quantity must be more than zero; 0 was given."),
        (
            {"quantity": "0.0000001"},
            "The quantity must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            {"quantity": "1e-40"},
            "The quantity must be more than zero at the precision we keep: 0.000001.",
        ),
        ({"quantity": "lots"}, "Enter the quantity as a number, for example 250 or 12.5."),
        ({"kind": "volume"}, "A volume unit can't be defined in g (weight)."),
        ({"name": "Scoops"}, "You already have a unit called scoop."),
    ],
)
def test_bad_units_show_the_plain_message_and_write_nothing(acme, owner_client, fields, message):
    services.create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    before = inventory_state()
    response = owner_client.post(
        "/inventory/units/new/", {"name": "bar", "quantity": "113", "unit": "g", **fields}
    )
    assert response.status_code == 400
    assert message in page_text(response)
    assert inventory_state() == before


def test_deleting_a_unit(acme, owner_client):
    unit = services.create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    response = owner_client.post(f"/inventory/units/{unit.pk}/delete/")
    assert response.status_code == 302
    assert not CustomUnit.objects.exists()
    assert owner_client.post(f"/inventory/units/{unit.pk}/delete/").status_code == 404


def test_a_viewer_may_not_create_or_delete_units(acme, viewer_client):
    unit = services.create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    before = inventory_state()
    created = viewer_client.post(
        "/inventory/units/new/", {"name": "bar", "quantity": "113", "unit": "g"}
    )
    deleted = viewer_client.post(f"/inventory/units/{unit.pk}/delete/")
    assert (created.status_code, deleted.status_code) == (403, 403)
    assert inventory_state() == before


def test_setting_and_clearing_a_density(acme, owner_client):
    oil = ItemFactory(name="Olive oil")
    owner_client.post(f"/inventory/units/density/{oil.pk}/", {"density_g_per_ml": "0.91"})
    oil.refresh_from_db()
    assert oil.density_g_per_ml == D("0.91")
    owner_client.post(f"/inventory/units/density/{oil.pk}/", {"density_g_per_ml": ""})
    oil.refresh_from_db()
    assert oil.density_g_per_ml is None


def test_a_bad_density_is_refused_in_plain_words(acme, owner_client):
    oil = ItemFactory(name="Olive oil", density_g_per_ml=D("0.91"))
    before = inventory_state()
    response = owner_client.post(
        f"/inventory/units/density/{oil.pk}/", {"density_g_per_ml": "-2"}, follow=True
    )
    assert "Olive oil: The density must be more than zero; -2 was given." in page_text(response)
    assert inventory_state() == before


def test_a_density_that_rounds_to_zero_is_refused_like_zero(acme, owner_client):
    oil = ItemFactory(name="Olive oil", density_g_per_ml=D("0.91"))
    before = inventory_state()
    response = owner_client.post(
        f"/inventory/units/density/{oil.pk}/", {"density_g_per_ml": "0.0000001"}, follow=True
    )
    assert (
        "Olive oil: The density must be more than zero at the precision we keep: 0.000001."
        in page_text(response)
    )
    assert inventory_state() == before


def test_a_linked_items_density_is_shown_but_not_editable(acme, owner_client, viewer_client):
    entry = library_entry("Pages test castor oil", category="oil", density_g_per_ml=D("0.96"))
    castor = services.create_item(
        organization=acme,
        name=entry.name,
        stock_unit="g",
        density_g_per_ml="0.96",
        library_item_id=entry.pk,
    )
    page = page_text(owner_client.get("/inventory/units/"))
    assert f'action="/inventory/units/density/{castor.pk}/"' not in page
    assert "Pages test castor oil g 0.96 (from the library)" in plain(
        owner_client.get("/inventory/units/")
    )
    before = inventory_state()
    response = owner_client.post(
        f"/inventory/units/density/{castor.pk}/", {"density_g_per_ml": "1"}, follow=True
    )
    assert "comes from the ingredient library, so its name, kind and density are locked." in (
        page_text(response)
    )
    assert inventory_state() == before
    assert viewer_client.post(f"/inventory/units/density/{castor.pk}/", {}).status_code == 403
    assert Item.objects.get(pk=castor.pk).density_g_per_ml == D("0.96")
