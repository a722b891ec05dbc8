"""Recipe rules at the edges: drafts may be incomplete and publishing names everything missing at
once; amounts that round to nothing are refused like zero; scales stay within 0.001-1000 times by
either path; an item is on a recipe once. Every refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.models import Batch
from batches.services import plan_batch
from recipes.errors import InvalidLine, InvalidRecipe, InvalidScale, NotPublishable
from recipes.models import Recipe, RecipeLine, RecipeVersion
from recipes.services import (
    LineInput,
    VersionContent,
    create_recipe,
    publish_version,
    save_draft,
    scale_version,
)
from tests.recipes.factories import make_item, make_recipe

EVERYTHING_MISSING = (
    "To publish, add the yield (how much one batch makes), the yield unit and at least one "
    "ingredient line. A draft can be saved without them."
)
RANGE = "times the recipe; a batch can be scaled between 0.001 and 1,000 times."


def snapshot():
    return (
        list(Recipe.objects.order_by("pk").values()),
        list(RecipeVersion.objects.order_by("pk").values()),
        list(RecipeLine.objects.order_by("pk").values()),
        list(Batch.objects.order_by("pk").values()),
    )


def blank_content(lines=(), **extra):
    return VersionContent(yield_quantity="", yield_unit="", lines=list(lines), **extra)


# --- drafts and publishing ------------------------------------------------------------------


@pytest.mark.parametrize("yield_quantity", ["", "   ", None])
def test_a_draft_saves_with_no_yield_no_unit_and_no_lines(acme, yield_quantity):
    recipe = create_recipe(
        name="Idea",
        category="soap",
        content=VersionContent(yield_quantity=yield_quantity, yield_unit=" ", portion_name="bar"),
    )
    draft = recipe.versions.get()
    assert (draft.status, draft.yield_quantity, draft.yield_unit, draft.portion_name) == (
        "draft",
        None,
        "",
        "bar",
    )
    assert draft.lines.count() == 0


def test_an_existing_draft_can_lose_its_yield_and_lines_again(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    draft = save_draft(recipe=recipe, content=blank_content())
    assert (draft.number, draft.yield_quantity, draft.yield_unit, draft.lines.count()) == (
        2,
        None,
        "",
        0,
    )
    recipe.refresh_from_db()
    assert recipe.current_version.number == 1  # the published version is untouched


def test_publishing_a_bare_draft_names_every_missing_piece_at_once(acme):
    recipe = create_recipe(name="Idea", category="soap", content=blank_content())
    before = snapshot()
    with pytest.raises(NotPublishable) as caught:
        publish_version(version=recipe.versions.get())
    assert caught.value.message == EVERYTHING_MISSING
    assert caught.value.details["missing"] == ["yield_quantity", "yield_unit", "lines"]
    assert caught.value.field is None
    assert snapshot() == before


@pytest.mark.parametrize(
    ("yield_quantity", "yield_unit", "with_line", "message", "field"),
    [
        (
            "",
            "each",
            True,
            "To publish, add the yield (how much one batch makes). A draft can be saved without "
            "them.",
            "yield_quantity",
        ),
        (
            "10",
            "",
            True,
            "To publish, add the yield unit. A draft can be saved without them.",
            "yield_unit",
        ),
        (
            "",
            "each",
            False,
            "To publish, add the yield (how much one batch makes) and at least one ingredient "
            "line. A draft can be saved without them.",
            None,
        ),
    ],
)
def test_saving_and_publishing_in_one_step_names_what_is_missing_and_saves_nothing(
    acme, yield_quantity, yield_unit, with_line, message, field
):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    lines = [LineInput(oil.pk, "1", "kg")] if with_line else []
    content = VersionContent(yield_quantity=yield_quantity, yield_unit=yield_unit, lines=lines)
    before = snapshot()
    with pytest.raises(NotPublishable) as caught:
        save_draft(recipe=recipe, content=content, publish=True)
    assert (caught.value.message, caught.value.field) == (message, field)
    with pytest.raises(NotPublishable) as caught:
        create_recipe(name="New one", category="soap", content=content, publish=True)
    assert caught.value.message == message
    assert snapshot() == before


def test_a_completed_draft_publishes(acme):
    oil = make_item("Olive oil")
    recipe = create_recipe(name="Idea", category="soap", content=blank_content())
    draft = save_draft(
        recipe=recipe,
        content=VersionContent(
            yield_quantity="10", yield_unit="each", lines=[LineInput(oil.pk, "900", "g")]
        ),
    )
    published = publish_version(version=draft)
    assert (published.status, published.yield_quantity, published.yield_unit) == (
        "published",
        Decimal("10"),
        "each",
    )


def test_a_draft_without_a_yield_cannot_be_scaled_and_says_why(acme):
    oil = make_item("Olive oil")
    recipe = create_recipe(
        name="Idea", category="soap", content=blank_content([LineInput(oil.pk, "900", "g")])
    )
    with pytest.raises(InvalidScale) as caught:
        scale_version(version=recipe.versions.get(), factor="1")
    assert caught.value.message == (
        "This draft has no yield yet. Add how much one batch makes to scale it."
    )


# --- amounts that round to nothing ------------------------------------------------------------


@pytest.mark.parametrize("tiny", ["0.0000001", "1e-40"])
def test_a_yield_that_rounds_to_zero_is_refused_like_zero(acme, tiny):
    oil = make_item("Olive oil")
    before = snapshot()
    with pytest.raises(InvalidRecipe) as caught:
        create_recipe(
            name="Tiny",
            category="soap",
            content=VersionContent(
                yield_quantity=tiny, yield_unit="g", lines=[LineInput(oil.pk, "1", "g")]
            ),
        )
    assert (caught.value.message, caught.value.field) == (
        "The yield must be more than zero at the precision we keep: 0.000001.",
        "yield_quantity",
    )
    assert snapshot() == before


@pytest.mark.parametrize("tiny", ["0.0000001", "1e-40"])
def test_a_line_quantity_that_rounds_to_zero_is_refused_like_zero(acme, tiny):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    before = snapshot()
    with pytest.raises(InvalidLine) as caught:
        save_draft(
            recipe=recipe,
            content=VersionContent(
                yield_quantity="10", yield_unit="each", lines=[LineInput(oil.pk, tiny, "kg")]
            ),
        )
    assert caught.value.message == (
        "Row 1: Olive oil: The quantity of Olive oil must be more than zero at the precision we "
        "keep: 0.000001."
    )
    assert snapshot() == before


# --- the scale range ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "factor"),
    [
        ({"factor": "0.001"}, Decimal("0.001")),
        ({"factor": "1000"}, Decimal("1000")),
        ({"target_quantity": "1.2", "target_unit": "g"}, Decimal("0.001")),
        ({"target_quantity": "1200", "target_unit": "kg"}, Decimal("1000")),
    ],
)
def test_the_ends_of_the_scale_range_are_allowed_by_either_path(acme, kwargs, factor):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")], yield_quantity="1200", yield_unit="g")
    assert scale_version(version=recipe.current_version, **kwargs).factor == factor


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({"factor": "0.0005"}, "0.0005"),
        ({"factor": "1001"}, "1,001"),
        ({"target_quantity": "1", "target_unit": "g"}, "0.000833"),
        ({"target_quantity": "2", "target_unit": "t"}, None),  # not a unit: its own message
        ({"target_quantity": "1500", "target_unit": "kg"}, "1,250"),
    ],
)
def test_planning_outside_the_scale_range_is_refused_and_plans_nothing(acme, kwargs, shown):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")], yield_quantity="1200", yield_unit="g")
    before = snapshot()
    with pytest.raises(InvalidScale) as caught:
        plan_batch(version=recipe.current_version, **kwargs)
    if shown is not None:
        assert caught.value.message == f"That is {shown} {RANGE}"
        assert caught.value.field == "scale"
    assert snapshot() == before


# --- one item, one line -------------------------------------------------------------------------


def test_the_same_item_twice_is_refused_naming_it(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    before = snapshot()
    with pytest.raises(InvalidLine) as caught:
        create_recipe(
            name="Doubled",
            category="soap",
            content=VersionContent(
                yield_quantity="10",
                yield_unit="each",
                lines=[
                    LineInput(oil.pk, "500", "g"),
                    LineInput(lye.pk, "130", "g"),
                    LineInput(oil.pk, "400", "g"),
                ],
            ),
        )
    assert caught.value.message == (
        "Row 3: Olive oil is on this recipe twice (rows 1 and 3). Put it in one row with the "
        "whole amount."
    )
    assert caught.value.details["problems"] == [
        (
            3,
            "Olive oil is on this recipe twice (rows 1 and 3). Put it in one row with the whole "
            "amount.",
        )
    ]
    assert snapshot() == before


def test_an_item_three_times_is_one_problem_and_other_problems_are_still_listed(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    before = snapshot()
    with pytest.raises(InvalidLine) as caught:
        save_draft(
            recipe=recipe,
            content=VersionContent(
                yield_quantity="10",
                yield_unit="each",
                lines=[
                    LineInput(oil.pk, "1", "g"),
                    LineInput(oil.pk, "2", "g"),
                    LineInput(lye.pk, "0", "g"),
                    LineInput(oil.pk, "3", "g"),
                ],
            ),
        )
    assert caught.value.details["problems"] == [
        (
            2,
            "Olive oil is on this recipe 3 times (rows 1, 2 and 4). Put it in one row with the "
            "whole amount.",
        ),
        (3, "Lye: The quantity of Lye must be more than zero; 0 was given."),
    ]
    assert snapshot() == before


def test_the_database_refuses_a_published_version_without_a_yield(acme):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    recipe = create_recipe(name="Idea", category="soap", content=blank_content())
    refused = pytest.raises(IntegrityError, match="recipes_version_published_has_yield")
    with refused, transaction.atomic():
        RecipeVersion.objects.create(
            recipe=recipe, number=2, status="published", published_at=timezone.now()
        )
