"""Batch outputs never outlive their ingredients: the proposed expiry is the earliest of the recipe's
shelf life, the output item's and the first expiry among the lots the batch used; the finish service
uses it when the maker gives no date, and a date of theirs wins (issue 11, point 5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from batches.errors import InvalidOutput
from batches.models import Batch, BatchDraw, BatchLine, BatchNote, BatchOutput
from batches.selectors import output_expiry
from batches.services import OutputInput, add_extra, finish_batch, plan_batch, start_batch
from inventory.models import Item, Lot, Movement
from inventory.shelf_life import day_words
from tests.recipes.factories import make_item, make_recipe, stock

YEAR = timezone.now().year + 2  # far enough ahead that the lots below are usable today
NOW = datetime(YEAR, 3, 1, 12, 0, tzinfo=UTC)  # the finish time the proposal is asked about
MAR_3 = datetime(YEAR, 3, 3, 12, 0, tzinfo=UTC)
APR_1 = datetime(YEAR, 4, 1, 12, 0, tzinfo=UTC)
NEXT_YEAR = datetime(YEAR + 1, 6, 1, 12, 0, tzinfo=UTC)


def world():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, Batch, BatchLine, BatchDraw, BatchOutput, BatchNote)
    }


def running_batch(*, recipe_days=None, product_days=None, oil_expires=None, lye_expires=None):
    """A started 10-bar soap batch that used 600 g olive oil and 80 g lye, and its bar item."""
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    bar = make_item("Lavender bar", "each", kind=Item.Kind.PRODUCT, shelf_life_days=product_days)
    oil_lot = stock(oil, "1000", "0.01", days_ago=2, expires_at=oil_expires)
    lye_lot = stock(lye, "500", "0.01", days_ago=2, expires_at=lye_expires)
    recipe = make_recipe(
        "Lavender soap",
        [(oil, "600", "g"), (lye, "80", "g")],
        shelf_life_days=recipe_days,
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    return {"batch": batch, "bar": bar, "oil_lot": oil_lot, "lye_lot": lye_lot, "oil": oil}


def test_the_ingredient_that_expires_first_sets_the_date(acme):
    made = running_batch(recipe_days=180, product_days=90, oil_expires=APR_1, lye_expires=MAR_3)

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.source, proposal.lot) == (
        MAR_3,
        "ingredient",
        made["lye_lot"],
    )
    assert (
        proposal.sentence
        == f"Expires 3 Mar {YEAR}: your Lye lot {made['lye_lot'].code} expires then."
    )


def test_the_recipes_shelf_life_sets_the_date(acme):
    made = running_batch(recipe_days=90, product_days=180, oil_expires=NEXT_YEAR)

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.source) == (NOW + timedelta(days=90), "recipe")
    assert proposal.sentence == f"Expires 30 May {YEAR}: the recipe keeps 3 months."


def test_the_products_shelf_life_sets_the_date(acme):
    made = running_batch(recipe_days=180, product_days=60, oil_expires=NEXT_YEAR)

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.source) == (NOW + timedelta(days=60), "product")
    assert proposal.sentence == f"Expires 30 Apr {YEAR}: the product keeps 2 months."


def test_an_intermediate_is_named_by_its_own_name(acme):
    made = running_batch()
    base = make_item("Soap base", kind=Item.Kind.INTERMEDIATE, shelf_life_days=14)

    proposal = output_expiry(batch=made["batch"], item=base, now=NOW)

    assert proposal.sentence == f"Expires 15 Mar {YEAR}: Soap base keeps 2 weeks."


def test_on_a_tie_the_ingredient_names_the_reason(acme):
    made = running_batch(recipe_days=2, oil_expires=NOW + timedelta(days=2))

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.source) == (NOW + timedelta(days=2), "ingredient")


def test_only_dated_lots_this_batch_used_count(acme):
    made = running_batch(oil_expires=APR_1)  # lye undated
    stock(made["oil"], "50", "0.01", expires_at=MAR_3)  # received after the start: not used
    other_oil = make_item("Other oil")
    stock(other_oil, "10", "0.01", expires_at=MAR_3)

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.lot) == (APR_1, made["oil_lot"])


def test_extras_count_as_used(acme):
    made = running_batch(oil_expires=APR_1)
    fragrance = make_item("Lavender oil")
    extra_lot = stock(fragrance, "100", "0.10", expires_at=MAR_3)
    add_extra(batch=made["batch"], item_id=fragrance.pk, quantity="5", unit="g")

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.lot) == (MAR_3, extra_lot)


def test_with_no_shelf_life_and_no_dated_ingredient_nothing_is_proposed(acme):
    made = running_batch()

    proposal = output_expiry(batch=made["batch"], item=made["bar"], now=NOW)

    assert (proposal.expires_at, proposal.source) == (None, "")
    assert proposal.sentence == (
        "No expiry date: the recipe and the output have no shelf life and none of the ingredients "
        "used has an expiry date."
    )


def output_lot(batch) -> Lot:
    return BatchOutput.objects.get(batch=batch).lot


def test_finishing_without_a_date_uses_the_ingredients_date(acme):
    lye_expires = timezone.now() + timedelta(days=20)
    made = running_batch(recipe_days=360, product_days=180, lye_expires=lye_expires)

    finish_batch(
        batch=made["batch"], actual_yield="10", outputs=[OutputInput(made["bar"].pk, "10")]
    )

    assert output_lot(made["batch"]).expires_at == lye_expires


@pytest.mark.parametrize(("recipe_days", "product_days", "days"), [(30, 180, 30), (360, 14, 14)])
def test_finishing_without_a_date_uses_the_shorter_shelf_life(
    acme, recipe_days, product_days, days
):
    made = running_batch(recipe_days=recipe_days, product_days=product_days, oil_expires=NEXT_YEAR)
    before = timezone.now()

    finish_batch(
        batch=made["batch"], actual_yield="10", outputs=[OutputInput(made["bar"].pk, "10")]
    )

    lot = output_lot(made["batch"])
    assert lot.expires_at == lot.received_at + timedelta(days=days)
    assert before <= lot.received_at <= timezone.now()


def test_a_date_the_maker_gives_wins(acme):
    made = running_batch(recipe_days=360, product_days=180, lye_expires=APR_1)

    finish_batch(
        batch=made["batch"],
        actual_yield="10",
        outputs=[OutputInput(made["bar"].pk, "10")],
        expires_at=NEXT_YEAR,
    )

    assert output_lot(made["batch"]).expires_at == NEXT_YEAR


def test_an_ingredient_date_that_has_passed_needs_a_date_and_changes_nothing(acme):
    made = running_batch(recipe_days=360)
    passed = timezone.now() - timedelta(days=1)
    Lot.objects.filter(pk=made["lye_lot"].pk).update(expires_at=passed)  # expired while it ran
    before = world()

    with pytest.raises(InvalidOutput) as caught:
        finish_batch(
            batch=made["batch"], actual_yield="10", outputs=[OutputInput(made["bar"].pk, "10")]
        )

    assert caught.value.message == (
        f"Your Lye lot {made['lye_lot'].code} expired on {day_words(passed)}, before this batch "
        "finished, so its outputs can't take that date. Enter the date they expire."
    )
    assert caught.value.field == "expires_at"
    assert world() == before


def test_day_words():
    assert day_words(datetime(2027, 1, 3, 12, 0, tzinfo=UTC)) == "3 Jan 2027"
