"""Both finish pages (the full form and the guided finish) fill in the proposed expiry of the outputs
and say what set it; a date the maker enters wins (issue 11, point 5)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from batches.models import BatchOutput
from batches.services import plan_batch, start_batch
from batchtrack.forms import start_of_day
from products.services import create_product, create_sku
from recipes.services import update_recipe
from tests.conftest import page_text
from tests.recipes.factories import make_item, make_recipe, stock


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


def words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def noon_in(days: int) -> datetime:
    return (timezone.now() + timedelta(days=days)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )


def running(*, recipe_days=None, product_days=None, lye_expires=None):
    """A running 10-bar batch that used olive oil (undated) and lye, finishing into a bar SKU."""
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    stock(oil, "1000", "0.01")
    lye_lot = stock(lye, "500", "0.01", expires_at=lye_expires)
    recipe = make_recipe(
        "Castile soap",
        [(oil, "600", "g"), (lye, "80", "g")],
        portion_name="bar",
        prefix="CAS",
        shelf_life_days=recipe_days,
    )
    sku = create_sku(
        product=create_product(name="Castile bar"), price="8", shelf_life_days=product_days
    )
    update_recipe(
        recipe=recipe, name=recipe.name, category="soap", prefix="CAS", output_item_id=sku.item_id
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    return batch, sku.item, lye_lot


def full_form(batch, item, **fields) -> dict:
    return {
        "actual_yield": "10",
        "outputs-TOTAL_FORMS": "1",
        "outputs-INITIAL_FORMS": "0",
        "outputs-0-item": item.pk,
        "outputs-0-quantity": "10",
        **fields,
    }


def test_the_full_form_fills_in_the_ingredients_date_and_says_why(acme, owner_client):
    soon = noon_in(20)
    batch, _, lye_lot = running(recipe_days=360, product_days=180, lye_expires=soon)

    page = owner_client.get(f"/batches/{batch.pk}/finish/")

    assert f'name="expires_on" value="{soon.date().isoformat()}"' in page_text(page)
    assert f"Expires {words(soon.date())}: your Lye lot {lye_lot.code} expires then." in text(page)


def test_the_full_form_without_a_date_finishes_on_the_proposed_date(acme, owner_client):
    soon = noon_in(20)
    batch, item, _ = running(recipe_days=360, lye_expires=soon)

    response = owner_client.post(f"/batches/{batch.pk}/finish/", full_form(batch, item))

    assert response.status_code == 302
    assert BatchOutput.objects.get(batch=batch).lot.expires_at == soon


def test_a_date_entered_on_the_full_form_wins(acme, owner_client):
    batch, item, _ = running(recipe_days=360, lye_expires=noon_in(20))
    later = timezone.localdate() + timedelta(days=100)

    owner_client.post(
        f"/batches/{batch.pk}/finish/", full_form(batch, item, expires_on=later.isoformat())
    )

    assert BatchOutput.objects.get(batch=batch).lot.expires_at == start_of_day(later)


@pytest.mark.parametrize(
    ("recipe_days", "product_days", "days", "reason"),
    [
        (30, 180, 30, "the recipe keeps 1 month"),
        (360, 14, 14, "the product keeps 2 weeks"),
    ],
)
def test_the_guided_finish_fills_in_the_shorter_shelf_life_and_says_which(
    acme, owner_client, recipe_days, product_days, days, reason
):
    batch, item, _ = running(
        recipe_days=recipe_days, product_days=product_days, lye_expires=noon_in(400)
    )
    day = timezone.localdate() + timedelta(days=days)

    page = owner_client.get(f"/guide/batches/{batch.pk}/finish/confirm/?made=10&into={item.pk}")

    assert f'name="expires_on" value="{day.isoformat()}"' in page_text(page)
    assert f"Expires {words(day)}: {reason}." in text(page)


def test_a_date_entered_on_the_guided_finish_wins(acme, owner_client):
    batch, item, _ = running(recipe_days=30, lye_expires=noon_in(20))
    later = timezone.localdate() + timedelta(days=100)
    confirm = f"/guide/batches/{batch.pk}/finish/confirm/?made=10&into={item.pk}"

    owner_client.post(confirm, {"expires_on": later.isoformat()})

    assert BatchOutput.objects.get(batch=batch).lot.expires_at == start_of_day(later)


def test_the_guided_finish_says_when_nothing_is_proposed(acme, owner_client):
    batch, item, _ = running()

    page = owner_client.get(f"/guide/batches/{batch.pk}/finish/confirm/?made=10&into={item.pk}")

    assert 'name="expires_on" value=' not in page_text(page)
    assert (
        "No expiry date: the recipe and the output have no shelf life and none of the "
        "ingredients used has an expiry date." in text(page)
    )
