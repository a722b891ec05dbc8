"""Simple products first: a product starts as a name and a price with one SKU whose code is made
quietly; codes, patterns, scents and sizes show only once the maker asks for a second kind. A recipe's
settings can make its product too, in one transaction with setting where its batches go."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from inventory.models import Item
from products.errors import InvalidProduct
from products.models import Product, Sku
from products.services import NewProduct, add_variant, create_recipe_product
from recipes.errors import RecipeArchived
from recipes.models import Recipe
from recipes.services import archive_recipe
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


@pytest.fixture
def owner(acme):
    return workspace_client(make_member(acme, "owner"), acme)


def test_new_product_is_a_name_and_a_price_with_its_one_sku(owner):
    form = text(owner.get("/products/new/"))
    assert "Price (optional)" in form and "SKU code pattern" not in form and "Code" not in form
    done = owner.post("/products/new/", {"name": "Olive Coconut Bar", "price": "8"}, follow=True)
    assert "Olive Coconut Bar is ready to sell at $8.00." in text(done)
    sku = Sku.objects.select_related("product").get()
    assert (sku.code, sku.price, sku.product.code) == ("OLCOBA", Decimal("8.00"), "OLCOBA")
    page = text(done)
    assert "codes of sizes and variants" not in page and "New size or variant" not in page
    assert "Make it in more than one scent, colour or size?" in page


def test_a_refused_new_product_creates_nothing(owner):
    refused = owner.post("/products/new/", {"name": "Bar", "price": "-2"})
    assert refused.status_code == 200 and "The price must be zero or more." in text(refused)
    assert not Product.objects.exists() and not Item.objects.exists()


def test_codes_and_patterns_appear_with_a_second_scent(owner):
    owner.post("/products/new/", {"name": "Olive Coconut Bar"})
    product = Product.objects.get()
    assert "sku_pattern" not in page_text(owner.get(f"/products/{product.pk}/edit/"))
    add_variant(product=product, name="Lavender")
    page = text(owner.get(f"/products/{product.pk}/"))
    assert "codes of sizes and variants" in page and "New size or variant" in page
    assert "sku_pattern" in page_text(owner.get(f"/products/{product.pk}/edit/"))


def test_editing_a_simple_product_keeps_its_code(owner):
    owner.post("/products/new/", {"name": "Olive Coconut Bar"})
    product = Product.objects.get()
    owner.post(f"/products/{product.pk}/edit/", {"name": "Olive Bar", "category": "Soap"})
    product.refresh_from_db()
    assert (product.name, product.code, product.category) == ("Olive Bar", "OLCOBA", "Soap")


def test_recipe_settings_make_the_recipes_product(acme, owner):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "600", "g")], portion_name="bar")
    assert "Make the product" in text(owner.get(f"/recipes/{recipe.pk}/settings/"))
    done = owner.post(
        f"/products/for-recipe/{recipe.pk}/", {"name": "Castile bar", "price": "7"}, follow=True
    )
    assert "Finished batches of Castile soap go there from now on." in text(done)
    sku = Sku.objects.select_related("product", "item").get()
    recipe.refresh_from_db()
    assert recipe.output_item_id == sku.item_id and sku.product.recipe_id == recipe.pk
    assert sku.item.stock_unit == "each"


def test_a_refused_recipe_product_leaves_nothing_behind(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "600", "g")], portion_name="bar")
    archive_recipe(recipe=recipe)
    with pytest.raises(RecipeArchived, match="archived"):
        create_recipe_product(recipe_id=recipe.pk, new=NewProduct(name="Castile bar"))
    with pytest.raises(InvalidProduct):
        create_recipe_product(recipe_id=recipe.pk, new=NewProduct(name=""))
    assert not Product.objects.exists() and not Item.objects.filter(kind="product").exists()
    assert Recipe.objects.get(pk=recipe.pk).output_item_id is None
