"""Tags on items and recipes: one rule, edited on their forms through the services, and a filter
on each list."""

from __future__ import annotations

import pytest

from batchtrack.field_rules import Refused
from batchtrack.tags import MAX_TAGS, clean_tags, split_tags
from inventory.errors import InvalidItem
from inventory.services import create_item, update_item
from recipes.errors import InvalidRecipe
from recipes.models import Recipe
from tests.conftest import page_text
from tests.recipes.factories import make_item, make_recipe


def test_tags_are_kept_lower_case_trimmed_and_once():
    assert clean_tags(["  Summer ", "summer", "Wholesale   Only", ""]) == [
        "summer",
        "wholesale only",
    ]
    assert split_tags("a, b,,  ,c") == ["a", " b", "c"]


def test_too_many_tags_are_refused_in_plain_words():
    with pytest.raises(Refused, match=f"An item can have at most {MAX_TAGS} tags."):
        clean_tags([f"t{n}" for n in range(MAX_TAGS + 1)])


def test_the_item_form_edits_tags_through_the_service(acme, owner_client):
    item = create_item(organization=acme, name="Tag test wax", stock_unit="g")
    response = owner_client.post(
        f"/inventory/items/{item.pk}/edit/",
        {"name": "Tag test wax", "kind": "ingredient", "stock_unit": "g", "tags": "Candle, Bulk"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.tags == ["candle", "bulk"]


def test_too_many_item_tags_change_nothing(acme):
    item = create_item(organization=acme, name="Tag test jar", stock_unit="each", tags=["a"])
    with pytest.raises(InvalidItem):
        update_item(item=item, tags=[f"t{n}" for n in range(MAX_TAGS + 1)])
    item.refresh_from_db()
    assert item.tags == ["a"]


def test_the_items_list_filters_by_tag(acme, owner_client):
    create_item(organization=acme, name="Tag test beeswax", stock_unit="g", tags=["candle"])
    create_item(organization=acme, name="Tag test olive", stock_unit="g", tags=["soap"])
    page = page_text(owner_client.get("/inventory/", {"tag": "Candle"}))
    assert "Tag test beeswax" in page and "Tag test olive" not in page
    assert '<option value="soap">soap</option>' in page


def test_the_recipes_list_filters_by_tag(acme, owner_client):
    oil = make_item("Tag test oil")
    make_recipe("Tag test castile", [(oil, "100", "g")], tags=["cold process"])
    make_recipe("Tag test melt", tags=["melt and pour"], publish=False)
    make_recipe("Tag test plain", publish=False)
    page = page_text(owner_client.get("/recipes/", {"tag": "cold process"}))
    assert "Tag test castile" in page and "Tag test melt" not in page
    draft = page_text(owner_client.get("/recipes/", {"tag": "melt and pour"}))
    assert "Tag test melt" in draft and "Tag test castile" not in draft
    assert '<option value="cold process">cold process</option>' in draft


def test_too_many_recipe_tags_are_refused(acme):
    with pytest.raises(InvalidRecipe, match="A recipe can have at most"):
        make_recipe("Tag test many", publish=False, tags=[f"t{n}" for n in range(MAX_TAGS + 1)])
    assert not Recipe.objects.filter(name="Tag test many").exists()
