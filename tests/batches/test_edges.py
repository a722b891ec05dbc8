"""Recipe and batch rules at the edges, through the services and the pages: a batch whose recipe was
archived after planning doesn't start (and says how to restore it); drafts may be incomplete;
duplicated items, out-of-range scales and amounts that round to nothing are refused on the forms with
the services' words. Every refusal changes nothing."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from batches.errors import RecipeArchivedSincePlanning
from batches.models import Batch, BatchDraw, BatchLine, BatchNote, BatchOutput
from batches.services import plan_batch, start_batch
from inventory.models import Item, Lot, Movement
from recipes.models import Recipe, RecipeLine, RecipeVersion
from recipes.services import archive_recipe, restore_recipe
from tests.batches.test_pages import maker, post_recipe  # noqa: F401 (maker is a fixture)
from tests.conftest import page_text
from tests.recipes.factories import make_item, make_recipe, stock

ARCHIVED = (
    "Lavender soap was archived after this batch was planned, so the batch can't start. To make "
    "it, restore the recipe: under Recipes, tick Show archived, open Lavender soap and press "
    "Restore. Or cancel this plan."
)
TINY = "must be more than zero at the precision we keep: 0.000001."


def world():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            Item,
            Lot,
            Movement,
            Batch,
            BatchLine,
            BatchDraw,
            BatchOutput,
            BatchNote,
            Recipe,
            RecipeVersion,
            RecipeLine,
        )
    }


@pytest.fixture
def planned(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    stock(oil, "1000", "0.01")
    stock(lye, "1000", "0.004")
    recipe = make_recipe("Lavender soap", [(oil, "900", "g"), (lye, "130", "g")], prefix="LAV")
    return plan_batch(version=recipe.current_version)


def test_a_batch_whose_recipe_was_archived_after_planning_does_not_start(planned):
    archive_recipe(recipe=planned.recipe)
    before = world()
    with pytest.raises(RecipeArchivedSincePlanning) as caught:
        start_batch(batch=planned)
    assert caught.value.message == ARCHIVED
    assert caught.value.details == {"recipe_id": planned.recipe_id}
    assert world() == before


def test_once_the_recipe_is_restored_the_planned_batch_starts(planned):
    archive_recipe(recipe=planned.recipe)
    restore_recipe(recipe=planned.recipe)
    started = start_batch(batch=planned)
    assert started.status == Batch.Status.IN_PROGRESS
    assert started.code.startswith("LAV-")


def test_the_batch_page_and_the_guided_start_show_how_to_restore(org_a, maker):  # noqa: F811
    client = maker["client"]
    with tenant_context(org_a):
        recipe = make_recipe(
            "Lavender soap", [(maker["oil"], "900", "g"), (maker["lye"], "130", "g")]
        )
        batch = plan_batch(version=recipe.current_version)
        archive_recipe(recipe=recipe)
        before = world()
    page = page_text(client.post(f"/batches/{batch.pk}/start/", {}, follow=True))
    assert ARCHIVED in page
    guided = page_text(client.post(f"/guide/batches/{batch.pk}/confirm/", {}, follow=True))
    assert ARCHIVED in guided
    with tenant_context(org_a):
        assert world() == before


# --- the recipe form ------------------------------------------------------------------------


def test_the_form_saves_a_draft_with_a_blank_yield_and_no_lines(org_a, maker):  # noqa: F811
    response = maker["client"].post(
        "/recipes/new/",
        {
            "name": "Idea",
            "category": "other",
            "yield_quantity": "",
            "yield_unit": "",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    with tenant_context(org_a):
        draft = RecipeVersion.objects.get(recipe__name="Idea")
        assert (draft.status, draft.yield_quantity, draft.yield_unit) == ("draft", None, "")
        assert not draft.lines.exists()
    assert "Draft v1 of Idea is saved" in page_text(maker["client"].get(response["Location"]))
    edit = maker["client"].get(f"/recipes/{draft.recipe_id}/edit/")
    assert edit.status_code == 200
    # With a line but still no yield, the recipe page says why it can't scale the draft.
    response = maker["client"].post(
        f"/recipes/{draft.recipe_id}/edit/",
        {
            "yield_quantity": "",
            "yield_unit": "",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-item": "Olive oil",
            "lines-0-quantity": "900",
            "lines-0-unit": "g",
        },
    )
    assert response.status_code == 302
    page = page_text(maker["client"].get(response["Location"]))
    assert "This draft has no yield yet. Add how much one batch makes to scale it." in page


def test_publishing_from_the_form_lists_every_missing_piece(org_a, maker):  # noqa: F811
    with tenant_context(org_a):
        before = world()
    page = page_text(
        post_recipe(
            maker["client"],
            maker["oil"],
            maker["lye"],
            yield_quantity="",
            yield_unit="",
            **{
                "lines-0-item": "",
                "lines-0-quantity": "",
                "lines-1-item": "",
                "lines-1-quantity": "",
            },
        )
    )
    assert (
        "To publish, add the yield (how much one batch makes), the yield unit and at least one "
        "ingredient line. A draft can be saved without them."
    ) in page
    with tenant_context(org_a):
        assert world() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"yield_quantity": "0.0000001"}, f"The yield {TINY}"),
        ({"lines-0-quantity": "1e-40"}, f"Olive oil: The quantity of Olive oil {TINY}"),
        (
            {"lines-1-item": "Olive oil", "lines-1-quantity": "100"},
            "Row 2: Olive oil is on this recipe twice (rows 1 and 2). Put it in one row with "
            "the whole amount.",
        ),
    ],
)
def test_the_recipe_form_shows_the_services_refusal_and_saves_nothing(
    org_a,
    maker,  # noqa: F811
    fields,
    message,
):
    with tenant_context(org_a):
        before = world()
    response = post_recipe(maker["client"], maker["oil"], maker["lye"], **fields)
    assert response.status_code == 200
    assert message in page_text(response)
    with tenant_context(org_a):
        assert world() == before


# --- planning and finishing forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"factor": "0.0000001"}, f"The scale {TINY}"),
        (
            {"factor": "0.0001"},
            "That is 0.0001 times the recipe; a batch can be scaled between 0.001 and 1,000 times.",
        ),
        ({"target": "0.0000001", "target_unit": "each"}, f"The target yield {TINY}"),
        (
            {"target": "20000", "target_unit": "each"},
            "That is 2,000 times the recipe; a batch can be scaled between 0.001 and 1,000 times.",
        ),
    ],
)
def test_the_plan_form_refuses_scales_the_service_refuses(org_a, maker, fields, message):  # noqa: F811
    with tenant_context(org_a):
        recipe = make_recipe("Castile soap", [(maker["oil"], "900", "g")])
        before = world()
    response = maker["client"].post(f"/batches/plan/{recipe.current_version.pk}/", fields)
    assert message in page_text(response)
    with tenant_context(org_a):
        assert world() == before


def test_the_finish_form_refuses_a_yield_that_rounds_to_zero(org_a, maker):  # noqa: F811
    with tenant_context(org_a):
        recipe = make_recipe("Castile soap", [(maker["oil"], "900", "g")])
        batch = start_batch(batch=plan_batch(version=recipe.current_version))
        before = world()
    response = maker["client"].post(
        f"/batches/{batch.pk}/finish/",
        {
            "actual_yield": "0.0000001",
            "outputs-TOTAL_FORMS": "1",
            "outputs-INITIAL_FORMS": "0",
            "outputs-0-item": maker["sku"].item_id,
            "outputs-0-quantity": "10",
        },
    )
    assert f"The yield {TINY}" in page_text(response)
    with tenant_context(org_a):
        assert world() == before
