"""Finishing into a new product, in the guided flow: the product and its one SKU are made in the same
transaction as the finish, so a refused finish leaves no product and a refused product leaves the batch
running."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from batches.errors import InvalidOutput
from batches.models import Batch, BatchOutput
from batches.services import OutputInput, finish_batch, plan_batch, start_batch
from inventory.models import Item, Lot, Movement
from products.errors import InvalidProduct
from products.models import Product, Sku
from products.services import NewProduct, create_product
from recipes.models import Recipe
from tests.conftest import page_text
from tests.recipes.factories import make_item, make_recipe, stock


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


def world():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Product, Sku, Item, Lot, Movement, Batch, BatchOutput, Recipe)
    }


@pytest.fixture
def running(acme):
    """A running batch of 10 bars of Olive Coconut Bar that took $6.00 of stock; no product yet."""
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    recipe = make_recipe("Olive Coconut Bar", [(oil, "600", "g")], portion_name="bar", prefix="OCB")
    return start_batch(batch=plan_batch(version=recipe.current_version))


def test_finish_creates_the_product_its_sku_and_the_lot(running):
    later = timezone.now() + timedelta(days=28)
    finish_batch(
        batch=running,
        actual_yield="10",
        hold_until=later,
        new_product=NewProduct(name="Olive Coconut Bar", price="8"),
    )
    sku = Sku.objects.select_related("product", "item").get()
    assert (sku.product.name, sku.code, sku.price) == ("Olive Coconut Bar", "OLCOBA", Decimal("8"))
    assert sku.product.recipe_id == running.recipe_id
    running.recipe.refresh_from_db()
    assert running.recipe.output_item_id == sku.item_id  # the next batch goes there too
    lot = Lot.objects.get(item=sku.item)
    assert (lot.quantity_received, lot.unit_cost, lot.hold_until) == (
        Decimal("10"),
        Decimal("0.6"),
        later,
    )


def test_refused_finish_leaves_no_product_behind(running):
    before = world()
    with pytest.raises(InvalidOutput):
        finish_batch(
            batch=running,
            actual_yield="10",
            hold_until=timezone.now() - timedelta(days=1),  # refused after nothing was written
            new_product=NewProduct(name="Olive Coconut Bar"),
        )
    with pytest.raises(InvalidOutput):
        finish_batch(
            batch=running,
            actual_yield="10",
            outputs=[OutputInput(None, "10", None)],
            new_product=NewProduct(name="Olive Coconut Bar"),
        )
    assert world() == before


def test_refused_product_leaves_the_batch_running(running):
    create_product(name="Olive Coconut Bar")
    before = world()
    with pytest.raises(InvalidProduct, match="already a product called Olive Coconut Bar"):
        finish_batch(
            batch=running, actual_yield="10", new_product=NewProduct(name="olive coconut bar")
        )
    with pytest.raises(InvalidProduct, match="price"):
        finish_batch(batch=running, actual_yield="10", new_product=NewProduct(name="X", price="-1"))
    assert world() == before


def test_guided_finish_offers_a_new_product_named_after_the_recipe(running, owner_client):
    base = f"/guide/batches/{running.pk}/finish/"
    where = page_text(owner_client.get(f"{base}where/", {"made": "10"}))
    assert "Make a new product for these" in where
    assert re.search(r'value="new"[^>]*checked', where)  # no product yet: the new one is proposed
    assert 'value="Olive Coconut Bar"' in where

    bad = owner_client.get(
        f"{base}where/", {"made": "10", "into": "new", "name": "Bar", "price": "eight"}
    )
    assert bad.status_code == 200 and "Enter the price as a number" in text(bad)

    step3 = owner_client.get(
        f"{base}where/", {"made": "10", "into": "new", "name": "Olive Coconut Bar", "price": "8"}
    )
    confirm = step3["Location"]
    assert "into=new" in confirm
    assert "go into a new product, Olive Coconut Bar, sold at $8.00 each" in text(
        owner_client.get(confirm)
    )
    assert not Product.objects.exists()  # nothing written before the last step

    done = owner_client.post(confirm, {}, follow=True)
    assert "10 bars into your new product Olive Coconut Bar, at $0.60 each." in text(done)
    assert Batch.objects.get(pk=running.pk).status == Batch.Status.FINISHED
    assert Sku.objects.get().item.on_hand == Decimal("10")
