"""Creating and editing items, adding from the ingredient library (identity locked while linked,
unlink to edit), archiving: each for the right roles only, with plain-language errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory.models import Item
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory, stock
from tests.inventory_pages.conftest import client_as, inventory_state, library_entry, plain

NEW_ITEM = {
    "name": "Shea butter",
    "kind": "ingredient",
    "category": "Butters",
    "stock_unit": "kg",
    "density_g_per_ml": "0.92",
    "shelf_life_days": "365",
    "low_stock_threshold": "2.5",
    "is_tracked": "on",
    "untracked_unit_cost": "",
    "notes": "Unrefined",
}


@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_roles_that_may_edit_create_an_item(acme, role):
    client, _ = client_as(acme, role)
    response = client.post("/inventory/items/new/", NEW_ITEM)
    item = Item.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/inventory/items/{item.pk}/"
    assert (item.name, item.kind, item.category, item.stock_unit) == (
        "Shea butter",
        "ingredient",
        "Butters",
        "kg",
    )
    assert (item.density_g_per_ml, item.shelf_life_days, item.low_stock_threshold) == (
        Decimal("0.92"),
        365,
        Decimal("2.5"),
    )
    assert (item.is_tracked, item.notes, item.library_item_id) == (True, "Unrefined", None)


def test_a_viewer_may_not_create_and_nothing_is_written(acme, viewer_client):
    before = inventory_state()
    response = viewer_client.post("/inventory/items/new/", NEW_ITEM)
    assert response.status_code == 403
    assert inventory_state() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"density_g_per_ml": "-1"}, "The density must be more than zero; -1 was given."),
        (
            {"density_g_per_ml": "0.0000001"},
            "The density must be more than zero at the precision we keep: 0.000001.",
        ),
        ({"density_g_per_ml": "heavy"}, "Enter the density as a number, for example 250 or 12.5."),
        (
            {"low_stock_threshold": "-5"},
            "The low-stock threshold must be zero or more; -5 was given.",
        ),
        ({"name": "  "}, "This field is required."),
        ({"name": "x" * 121}, "The name can be at most 120 characters long."),
        (
            {"shelf_life_days": "36501"},
            "Shelf life is a whole number of days from 1 to 36500, or empty.",
        ),
        (
            {"shelf_life_days": "0"},
            "Shelf life is a whole number of days from 1 to 36500, or empty.",
        ),
    ],
)
def test_bad_item_input_shows_the_plain_message_and_writes_nothing(
    acme, owner_client, changes, message
):
    before = inventory_state()
    response = owner_client.post("/inventory/items/new/", {**NEW_ITEM, **changes})
    assert response.status_code == 200
    assert message in page_text(response)
    assert inventory_state() == before


def test_a_duplicate_name_is_refused_in_plain_words(acme, owner_client):
    ItemFactory(name="shea butter")
    before = inventory_state()
    response = owner_client.post("/inventory/items/new/", NEW_ITEM)
    assert (
        "You already have an item called Shea butter. Use that one, or give this one another name."
        in page_text(response)
    )
    assert inventory_state() == before


def test_editing_changes_density_shelf_life_and_threshold(acme, owner_client):
    item = ItemFactory(name="Olive oil", stock_unit="g")
    response = owner_client.post(
        f"/inventory/items/{item.pk}/edit/",
        {**NEW_ITEM, "name": "Olive oil", "stock_unit": "ml", "density_g_per_ml": "0.91"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.stock_unit, item.density_g_per_ml, item.shelf_life_days) == (
        "ml",
        Decimal("0.91"),
        365,
    )
    assert item.low_stock_threshold == Decimal("2.5")


def test_the_stock_unit_is_locked_once_the_item_has_history(acme, owner_client):
    item = ItemFactory(name="Olive oil", stock_unit="g")
    stock(item, 100)
    page = page_text(owner_client.get(f"/inventory/items/{item.pk}/edit/"))
    assert "This item has stock history, so its stock unit can't change." in page
    response = owner_client.post(
        f"/inventory/items/{item.pk}/edit/",
        {**NEW_ITEM, "name": "Olive oil", "stock_unit": "kg", "shelf_life_days": "30"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.stock_unit, item.shelf_life_days) == ("g", 30)


def test_a_viewer_may_not_edit(acme, viewer_client):
    item = ItemFactory(name="Olive oil")
    before = inventory_state()
    response = viewer_client.post(f"/inventory/items/{item.pk}/edit/", NEW_ITEM)
    assert response.status_code == 403
    assert viewer_client.post(f"/inventory/items/{item.pk}/archive/").status_code == 403
    assert inventory_state() == before


def test_archive_and_restore(acme, owner_client):
    item = ItemFactory(name="Old lye")
    assert owner_client.post(f"/inventory/items/{item.pk}/archive/").status_code == 302
    item.refresh_from_db()
    assert item.is_archived is True
    assert owner_client.post(f"/inventory/items/{item.pk}/restore/").status_code == 302
    item.refresh_from_db()
    assert item.is_archived is False


def test_an_item_with_stock_cannot_be_archived(acme, owner_client):
    item = ItemFactory(name="Olive oil")
    stock(item, 100)
    before = inventory_state()
    response = owner_client.post(f"/inventory/items/{item.pk}/archive/", follow=True)
    assert "Olive oil still has 100 g on hand or reserved." in page_text(response)
    assert inventory_state() == before


# --- The ingredient library -----------------------------------------------------------------------


@pytest.fixture
def almond(acme):
    return library_entry(
        "Pages test sweet almond oil",
        inci_name="Prunus Amygdalus Dulcis Oil",
        kind="ingredient",
        category="oil",
        default_unit="g",
        density_g_per_ml=Decimal("0.9150"),
        shelf_life_days=365,
        allergens=["Tree nuts (almond)"],
    )


def test_library_search_answers_htmx_with_the_results_only(acme, owner_client, almond):
    full = owner_client.get("/inventory/items/library/?q=pages+test+almond")
    partial = owner_client.get(
        "/inventory/items/library/?q=pages+test+almond", HTTP_HX_REQUEST="true"
    )
    assert "<main" in page_text(full)
    assert "<main" not in page_text(partial)
    assert "Pages test sweet almond oil" in page_text(partial)
    assert f'href="/inventory/items/library/{almond.pk}/"' in page_text(partial)
    nothing = owner_client.get("/inventory/items/library/?q=unobtainium", HTTP_HX_REQUEST="true")
    assert "Nothing in the library matches “unobtainium”." in page_text(nothing)


def test_adding_from_the_library_copies_its_identity_and_keeps_the_link(acme, almond):
    client, _ = client_as(acme, "production")
    form = page_text(client.get(f"/inventory/items/library/{almond.pk}/"))
    assert 'value="Pages test sweet almond oil" disabled' in form
    assert 'value="0.915" disabled' in form
    response = client.post(
        f"/inventory/items/library/{almond.pk}/",
        {"stock_unit": "g", "category": "Oil", "shelf_life_days": "365", "low_stock_threshold": ""},
    )
    item = Item.objects.get()
    assert response["Location"] == f"/inventory/items/{item.pk}/"
    assert (item.name, item.kind, item.stock_unit, item.category) == (
        "Pages test sweet almond oil",
        "ingredient",
        "g",
        "Oil",
    )
    assert (item.density_g_per_ml, item.shelf_life_days, item.library_item_id) == (
        Decimal("0.915"),
        365,
        almond.pk,
    )
    search = page_text(client.get("/inventory/items/library/?q=pages+test+almond"))
    assert "Already in your inventory" in search


def test_a_linked_items_identity_is_locked_until_unlinked(acme, owner_client, almond):
    owner_client.post(f"/inventory/items/library/{almond.pk}/", {"stock_unit": "g"})
    item = Item.objects.get()
    edit = f"/inventory/items/{item.pk}/edit/"
    page = page_text(owner_client.get(edit))
    assert "comes from the ingredient library, so its name, kind and density are locked." in page
    assert "Unlink to edit" in page
    assert (
        'name="name" value="Pages test sweet almond oil" maxlength="120" class="form-control"'
        in page
    )
    assert plain(owner_client.get(edit)).count("From the ingredient library; unlink to edit.") == 3

    # Locked fields ignore what is posted; the rest still saves.
    owner_client.post(
        edit, {**NEW_ITEM, "name": "Almond", "kind": "packaging", "density_g_per_ml": "1.5"}
    )
    item.refresh_from_db()
    assert (item.name, item.kind, item.density_g_per_ml) == (
        "Pages test sweet almond oil",
        "ingredient",
        Decimal("0.915"),
    )
    assert item.category == "Butters"

    assert owner_client.post(f"/inventory/items/{item.pk}/unlink/").status_code == 302
    item.refresh_from_db()
    assert item.library_item_id is None
    assert "Unlink to edit" not in page_text(owner_client.get(edit))
    owner_client.post(edit, {**NEW_ITEM, "name": "Almond oil", "density_g_per_ml": "0.92"})
    item.refresh_from_db()
    assert (item.name, item.density_g_per_ml) == ("Almond oil", Decimal("0.92"))


def test_adding_from_the_library_asks_the_same_rules(acme, owner_client, almond):
    before = inventory_state()
    response = owner_client.post(
        f"/inventory/items/library/{almond.pk}/", {"stock_unit": "g", "shelf_life_days": "36501"}
    )
    assert response.status_code == 200
    assert "Shelf life is a whole number of days from 1 to 36500, or empty." in page_text(response)
    assert inventory_state() == before


def test_adding_a_library_item_twice_is_refused_in_plain_words(acme, owner_client, almond):
    owner_client.post(f"/inventory/items/library/{almond.pk}/", {"stock_unit": "g"})
    before = inventory_state()
    response = owner_client.post(f"/inventory/items/library/{almond.pk}/", {"stock_unit": "g"})
    assert "You already have an item called Pages test sweet almond oil." in page_text(response)
    assert inventory_state() == before


def test_a_viewer_may_not_add_from_the_library(acme, viewer_client, almond):
    before = inventory_state()
    response = viewer_client.post(f"/inventory/items/library/{almond.pk}/", {"stock_unit": "g"})
    assert response.status_code == 403
    assert inventory_state() == before


def test_an_inactive_or_missing_library_item_is_not_found(acme, owner_client, almond):
    almond.is_active = False
    almond.save()
    assert owner_client.get(f"/inventory/items/library/{almond.pk}/").status_code == 404
    assert owner_client.get("/inventory/items/library/999999999/").status_code == 404
