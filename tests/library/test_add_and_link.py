"""Adding several library entries in one go (all or none), the library search showing what the
workspace already has, and linking an existing item to an entry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billing.errors import LimitReached
from billing.tiers import get_tier
from inventory.errors import InvalidItem
from inventory.models import Item
from inventory.services import add_from_library, create_item, link_to_library
from tests.conftest import page_text
from tests.inventory_pages.conftest import client_as, inventory_state, library_entry


@pytest.fixture
def entries(acme):
    return [
        library_entry(
            "Multi test olive oil",
            category="oil",
            density_g_per_ml=Decimal("0.91"),
            shelf_life_days=730,
            inci_name="Olea Europaea Fruit Oil",
        ),
        library_entry("Multi test coconut oil", category="oil", density_g_per_ml=Decimal("0.92")),
        library_entry("Multi test lye", category="lye", allergens=["None known"]),
    ]


def test_ticked_entries_are_added_in_one_go(acme, owner_client, entries):
    response = owner_client.post(
        "/inventory/items/library/add/", {"entry": [str(entry.pk) for entry in entries]}
    )
    assert response.status_code == 302
    added = {item.name: item for item in Item.objects.all()}
    assert sorted(added) == ["Multi test coconut oil", "Multi test lye", "Multi test olive oil"]
    olive = added["Multi test olive oil"]
    assert (olive.density_g_per_ml, olive.shelf_life_days, olive.inci_name, olive.category) == (
        Decimal("0.91"),
        730,
        "Olea Europaea Fruit Oil",
        "Oil",
    )
    assert added["Multi test lye"].allergens == ["None known"]
    assert {item.library_item_id for item in added.values()} == {entry.pk for entry in entries}
    text = page_text(owner_client.get(response["Location"]))
    assert "Multi test olive oil, Multi test coconut oil and Multi test lye are added." in text
    # Receiving the first of them (by name) is one click away.
    coconut = added["Multi test coconut oil"]
    assert (
        f'<a href="/inventory/items/{coconut.pk}/receive/">Receive Multi test coconut oil</a> next.'
        in (text)
    )


def test_one_entry_already_had_adds_nothing_and_says_which(acme, owner_client, entries):
    create_item(organization=acme, name="multi test LYE", stock_unit="g")
    before = inventory_state()
    response = owner_client.post(
        "/inventory/items/library/add/", {"entry": [str(entry.pk) for entry in entries]}
    )
    assert inventory_state() == before
    page = page_text(owner_client.get(response["Location"]))
    assert (
        "You already have Multi test lye, so nothing was added. Untick it and add the rest." in page
    )
    # The others stay ticked for the next try.
    assert f'value="{entries[0].pk}" id="entry-{entries[0].pk}" checked' in page


@pytest.mark.parametrize(
    "chosen, message",
    [
        ([], "Choose at least one item from the library to add."),
        (["999999999"], "One of the chosen items is no longer in the library."),
        (["abc"], "Choose items from the library list."),
    ],
)
def test_a_bad_choice_adds_nothing_with_a_plain_error(acme, owner_client, entries, chosen, message):
    before = inventory_state()
    response = owner_client.post("/inventory/items/library/add/", {"entry": chosen})
    assert inventory_state() == before
    assert message in page_text(owner_client.get(response["Location"]))


def test_an_inactive_entry_among_good_ones_adds_nothing(acme, entries):
    entries[2].is_active = False
    entries[2].save()
    before = inventory_state()
    with pytest.raises(InvalidItem, match="no longer in the library"):
        add_from_library(organization=acme, library_item_ids=[e.pk for e in entries])
    assert inventory_state() == before


def test_the_plans_item_limit_undoes_every_add(acme, entries):
    limit = get_tier(acme.tier).limits["items"]
    for n in range(limit - 1):
        create_item(organization=acme, name=f"Filler {n}", stock_unit="g")
    before = inventory_state()
    with pytest.raises(LimitReached):
        add_from_library(organization=acme, library_item_ids=[e.pk for e in entries])
    assert inventory_state() == before


def test_the_library_search_shows_the_items_already_had(acme, owner_client, entries):
    mine = create_item(organization=acme, name="Multi test olive oil", stock_unit="g")
    page = page_text(owner_client.get("/inventory/items/library/?q=multi+test"))
    assert "Already in your inventory:" in page
    assert f'Already in your inventory as <a href="/inventory/items/{mine.pk}/">' in page
    # No box to tick for it; the others have one.
    assert f'id="entry-{entries[0].pk}"' not in page
    assert f'id="entry-{entries[1].pk}"' in page


def test_ticked_entries_stay_listed_when_searching_for_more(acme, owner_client, entries):
    page = page_text(
        owner_client.get(
            f"/inventory/items/library/?q=multi+test+lye&entry={entries[0].pk}",
            HTTP_HX_REQUEST="true",
        )
    )
    assert f'value="{entries[0].pk}" id="entry-{entries[0].pk}" checked' in page
    assert f'id="entry-{entries[2].pk}"' in page


def test_linking_an_item_copies_density_inci_shelf_life_and_allergens(acme, owner_client):
    entry = library_entry(
        "Link test sweet almond oil",
        category="oil",
        density_g_per_ml=Decimal("0.915"),
        shelf_life_days=365,
        inci_name="Prunus Amygdalus Dulcis Oil",
        allergens=["Tree nuts (almond)"],
    )
    item = create_item(organization=acme, name="Almond oil (cold pressed)", stock_unit="g")
    page = page_text(owner_client.get(f"/inventory/items/{item.pk}/link/?q=link+test+almond"))
    assert "Link test sweet almond oil" in page
    response = owner_client.post(f"/inventory/items/{item.pk}/link/", {"entry": entry.pk})
    assert response["Location"] == f"/inventory/items/{item.pk}/"
    item.refresh_from_db()
    assert (
        item.name,
        item.library_item_id,
        item.density_g_per_ml,
        item.shelf_life_days,
        item.inci_name,
        item.allergens,
    ) == (
        "Almond oil (cold pressed)",
        entry.pk,
        Decimal("0.915"),
        365,
        "Prunus Amygdalus Dulcis Oil",
        ["Tree nuts (almond)"],
    )
    detail = page_text(owner_client.get(response["Location"]))
    assert "INCI: Prunus Amygdalus Dulcis Oil. Allergens: Tree nuts (almond)." in detail


def test_the_link_page_offers_entries_named_like_the_item(acme, owner_client):
    entry = library_entry("Link test castor oil", category="oil")
    item = create_item(organization=acme, name="Link test castor oil, organic", stock_unit="g")
    page = page_text(owner_client.get(f"/inventory/items/{item.pk}/link/"))
    assert f'name="entry" value="{entry.pk}"' in page


@pytest.mark.parametrize("kind", ["product", "intermediate"])
def test_something_made_here_cannot_be_linked(acme, kind):
    entry = library_entry("Link test shea butter")
    item = create_item(organization=acme, name="Link test bar", stock_unit="each", kind=kind)
    with pytest.raises(InvalidItem, match="made in your workshop"):
        link_to_library(item=item, library_item_id=entry.pk)
    item.refresh_from_db()
    assert item.library_item_id is None


def test_a_bad_link_changes_nothing_and_says_why(acme, owner_client):
    entry = library_entry("Link test cocoa butter")
    item = create_item(organization=acme, name="Cocoa", stock_unit="g")
    link_to_library(item=item, library_item_id=entry.pk)
    before = inventory_state()
    for posted, message in [
        ({"entry": entry.pk}, "Cocoa is already linked to Link test cocoa butter."),
        ({"entry": 999999999}, "That library entry is no longer offered."),
        ({"entry": "x"}, "Choose an entry from the library list."),
    ]:
        response = owner_client.post(f"/inventory/items/{item.pk}/link/", posted, follow=True)
        assert message in page_text(response)
    assert inventory_state() == before


def test_viewers_can_neither_add_nor_link(acme, entries):
    client, _viewer = client_as(acme, "viewer")
    item = create_item(organization=acme, name="Viewer test", stock_unit="g")
    assert (
        client.post("/inventory/items/library/add/", {"entry": [entries[0].pk]}).status_code == 403
    )
    assert client.get(f"/inventory/items/{item.pk}/link/").status_code == 403
