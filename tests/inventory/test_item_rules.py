"""Item field rules written once (issue 14, point 1): the services, the item forms and the shelf-life
fields of recipes and product SKUs all ask the same rules and show the same words."""

from __future__ import annotations

import pytest

from inventory import services
from inventory.errors import InvalidItem
from inventory.forms import ItemForm, LibraryItemForm
from inventory.models import Item
from inventory.shelf_life import MAX_SHELF_LIFE_DAYS, SHELF_LIFE_RULE
from products.models import Sku
from products.services import create_product, create_sku
from recipes.errors import InvalidRecipe
from recipes.models import RecipeVersion
from recipes.services import VersionContent, create_recipe

GOOD = {
    "name": "Olive oil",
    "kind": "ingredient",
    "category": "Oils",
    "stock_unit": "g",
    "density_g_per_ml": "0.91",
    "shelf_life_days": "730",
    "low_stock_threshold": "",
    "is_tracked": "on",
    "untracked_unit_cost": "",
    "notes": "",
}


def test_the_shelf_life_rule_is_one_bound_and_one_sentence():
    assert MAX_SHELF_LIFE_DAYS == 36500
    assert SHELF_LIFE_RULE == "Shelf life is a whole number of days from 1 to 36500, or empty."


@pytest.mark.parametrize("days", [1, 3651, MAX_SHELF_LIFE_DAYS])
def test_items_recipes_and_skus_accept_the_same_shelf_lives(acme, days):
    item = services.create_item(organization=acme, name="Wax", stock_unit="g", shelf_life_days=days)
    recipe = create_recipe(
        name="Candle",
        category="candle",
        content=VersionContent(yield_quantity="", yield_unit="", shelf_life_days=days),
    )
    sku = create_sku(product=create_product(name="Soap"), price="8.50", shelf_life_days=days)
    assert (item.shelf_life_days, recipe.versions.get().shelf_life_days) == (days, days)
    assert sku.item.shelf_life_days == days


@pytest.mark.parametrize("days", [0, -5, MAX_SHELF_LIFE_DAYS + 1, True, "30"])
def test_items_recipes_and_skus_refuse_the_same_shelf_lives_in_the_same_words(acme, days):
    product = create_product(name="Soap")
    with pytest.raises(InvalidItem) as item_refused:
        services.create_item(organization=acme, name="Wax", stock_unit="g", shelf_life_days=days)
    with pytest.raises(InvalidRecipe) as recipe_refused:
        create_recipe(
            name="Candle",
            category="candle",
            content=VersionContent(yield_quantity="", yield_unit="", shelf_life_days=days),
        )
    with pytest.raises(InvalidItem) as sku_refused:
        create_sku(product=product, price="8.50", shelf_life_days=days)
    assert item_refused.value.details["errors"] == {"shelf_life_days": SHELF_LIFE_RULE}
    assert (recipe_refused.value.message, recipe_refused.value.field) == (
        SHELF_LIFE_RULE,
        "shelf_life_days",
    )
    assert (sku_refused.value.message, sku_refused.value.field) == (
        SHELF_LIFE_RULE,
        "shelf_life_days",
    )
    assert (Item.objects.count(), RecipeVersion.objects.count(), Sku.objects.count()) == (0, 0, 0)


def test_a_valid_item_form_gives_the_services_arguments(acme):
    form = ItemForm(GOOD)
    assert form.is_valid(), form.errors
    assert form.service_kwargs() == {
        "name": "Olive oil",
        "kind": "ingredient",
        "category": "Oils",
        "stock_unit": "g",
        "density_g_per_ml": "0.91",
        "shelf_life_days": 730,
        "low_stock_threshold": "0",
        "is_tracked": True,
        "untracked_unit_cost": "0",
        "notes": "",
        "usual_supplier_id": None,
        "purchase_unit": "",
        "count_noun": "",
        "tags": [],
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "x" * 121}, "name", "The name can be at most 120 characters long."),
        ({"shelf_life_days": "36501"}, "shelf_life_days", SHELF_LIFE_RULE),
        ({"shelf_life_days": "0"}, "shelf_life_days", SHELF_LIFE_RULE),
        (
            {"density_g_per_ml": "-1"},
            "density_g_per_ml",
            "The density must be more than zero; -1 was given.",
        ),
        (
            {"density_g_per_ml": "150"},
            "density_g_per_ml",
            "150 is too large for a density; one entry can be at most 100. Check the number and "
            "its unit.",
        ),
        (
            {"low_stock_threshold": "lots"},
            "low_stock_threshold",
            "Enter the low-stock threshold as a number, for example 250 or 12.5.",
        ),
        (
            {"untracked_unit_cost": "-2"},
            "untracked_unit_cost",
            "The cost must be zero or more; -2 was given.",
        ),
    ],
)
def test_the_item_form_shows_the_services_own_refusal(acme, changes, field, message):
    form = ItemForm({**GOOD, **changes})
    assert not form.is_valid()
    assert form.errors == {field: [message]}
    good = ItemForm(GOOD)
    assert good.is_valid()
    service_values = {key: int(v) if key == "shelf_life_days" else v for key, v in changes.items()}
    with pytest.raises(InvalidItem) as refused:
        services.create_item(organization=acme, **{**good.service_kwargs(), **service_values})
    assert refused.value.details["errors"] == {field: message}
    assert not Item.objects.exists()


def test_the_item_form_reports_every_problem_at_once(acme):
    form = ItemForm({**GOOD, "name": "  ", "shelf_life_days": "40000", "density_g_per_ml": "0"})
    assert not form.is_valid()
    assert form.errors == {
        "name": ["This field is required."],
        "density_g_per_ml": ["The density must be more than zero; 0 was given."],
        "shelf_life_days": [SHELF_LIFE_RULE],
    }


def test_the_library_form_asks_the_same_rules(acme):
    form = LibraryItemForm(
        {"stock_unit": "g", "category": "", "shelf_life_days": "36501", "low_stock_threshold": "-1"}
    )
    assert not form.is_valid()
    assert form.errors == {
        "shelf_life_days": [SHELF_LIFE_RULE],
        "low_stock_threshold": ["The low-stock threshold must be zero or more; -1 was given."],
    }
