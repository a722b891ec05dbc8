"""Trial runs of a draft: real stock and costs, the draft stays editable, trials stay attached to
their version after publishing and are listed side by side; and "Duplicate recipe"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from batches.errors import NotPlannable
from batches.models import Batch
from batches.services import add_note, finish_batch, plan_batch, start_batch
from recipes.errors import InvalidRecipe
from recipes.models import Recipe, RecipeVersion
from recipes.services import (
    LineInput,
    VersionContent,
    content_of,
    discard_draft,
    duplicate_recipe,
    publish_version,
    save_draft,
)
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


@pytest.fixture
def drafted(acme):
    """A lotion recipe whose version 1 is a draft: 200 g oil at 0.02 and 100 g water at 0."""
    oil = make_item("Jojoba oil")
    water = make_item("Distilled water")
    stock(oil, "1000", "0.02")
    stock(water, "1000", "0")
    recipe = make_recipe(
        "Face oil",
        [(oil, "200", "g"), (water, "100", "g")],
        yield_quantity="300",
        yield_unit="g",
        category="cosmetic",
        publish=False,
    )
    return {"recipe": recipe, "draft": recipe.versions.get(), "oil": oil, "water": water}


def test_a_trial_of_a_draft_uses_real_stock_at_real_cost(drafted):
    trial = start_batch(batch=plan_batch(version=drafted["draft"], trial=True))
    assert trial.is_trial and trial.status == Batch.Status.IN_PROGRESS
    assert trial.consumed_cost == Decimal("4")  # 200 g x 0.02
    drafted["oil"].refresh_from_db()
    assert drafted["oil"].on_hand == Decimal("800")


def test_a_draft_needs_the_trial_flag(drafted):
    with pytest.raises(NotPlannable) as caught:
        plan_batch(version=drafted["draft"])
    assert caught.value.message == (
        "Version 1 of Face oil is a draft. Publish it first, or run it as a trial run."
    )


def test_a_draft_without_a_yield_cannot_run_a_trial(acme):
    recipe = make_recipe("Idea", [], yield_quantity="", yield_unit="", publish=False)
    with pytest.raises(NotPlannable) as caught:
        plan_batch(version=recipe.versions.get(), trial=True)
    assert caught.value.message == (
        "To run a trial, add the yield (how much one batch makes), the yield unit and at least "
        "one ingredient line."
    )
    assert not Batch.objects.exists()


def test_the_draft_stays_editable_and_publishing_keeps_the_trials(drafted):
    draft, oil, water = drafted["draft"], drafted["oil"], drafted["water"]
    first = start_batch(batch=plan_batch(version=draft, trial=True))
    finish_batch(batch=first, actual_yield="290")  # output thrown away
    changed = save_draft(
        recipe=drafted["recipe"],
        content=VersionContent(
            yield_quantity="300",
            yield_unit="g",
            lines=[LineInput(oil.pk, "150", "g"), LineInput(water.pk, "150", "g")],
        ),
    )
    assert changed.pk == draft.pk
    second = start_batch(batch=plan_batch(version=changed, trial=True))
    assert second.consumed_cost == Decimal("3")
    # The first trial kept the lines it ran with.
    assert [line.quantity for line in first.lines.order_by("position")] == [
        Decimal("200"),
        Decimal("100"),
    ]
    published = publish_version(version=changed)
    assert published.status == RecipeVersion.Status.PUBLISHED
    assert list(published.batches.order_by("pk")) == [first, second]
    assert all(b.is_trial for b in published.batches.all())


def test_a_draft_with_trials_is_kept(drafted):
    recipe = drafted["recipe"]
    publish_version(version=drafted["draft"])
    recipe.refresh_from_db()
    draft = save_draft(recipe=recipe, content=content_of(recipe.current_version))
    plan_batch(version=draft, trial=True)
    with pytest.raises(InvalidRecipe) as caught:
        discard_draft(version=draft)
    assert caught.value.message.startswith("This draft has 1 trial run on record, so it is kept.")
    assert RecipeVersion.objects.filter(pk=draft.pk).exists()


def test_duplicate_recipe_makes_an_independent_draft_copy(drafted):
    recipe = drafted["recipe"]
    publish_version(version=drafted["draft"])
    recipe.refresh_from_db()
    copy = duplicate_recipe(recipe=recipe)
    assert copy.name == "Face oil (copy)" and copy.base_id is None
    assert copy.prefix != recipe.prefix
    version = copy.versions.get()
    assert version.status == RecipeVersion.Status.DRAFT
    assert [(line.item_id, line.quantity) for line in version.lines.order_by("position")] == [
        (drafted["oil"].pk, Decimal("200")),
        (drafted["water"].pk, Decimal("100")),
    ]
    assert duplicate_recipe(recipe=recipe).name == "Face oil (copy 2)"
    save_draft(recipe=copy, content=VersionContent(yield_quantity="1", yield_unit="kg"))
    assert recipe.current_version.lines.count() == 2


def test_the_recipe_page_lists_trials_side_by_side(org_a):
    client = workspace_client(make_member(org_a, "owner"), org_a)
    with tenant_context(org_a):
        oil = make_item("Jojoba oil")
        stock(oil, "1000", "0.02")
        recipe = make_recipe(
            "Face oil", [(oil, "200", "g")], yield_quantity="200", yield_unit="g", publish=False
        )
        draft = recipe.versions.get()
    page = page_text(client.get(f"/recipes/{recipe.pk}/"))
    assert "Plan a trial run of this draft" in page
    response = client.post(f"/batches/plan/{draft.pk}/", {"factor": "1"})
    assert response.status_code == 302
    with tenant_context(org_a):
        trial = Batch.objects.get()
        assert trial.is_trial
        start_batch(batch=trial)
        add_note(batch=trial, text="Too greasy; try less oil")
        finish_batch(batch=trial, actual_yield="190")
    page = page_text(client.get(f"/recipes/{recipe.pk}/"))
    assert "Trial runs" in page
    assert "Finished, output thrown away" in page
    assert "Too greasy; try less oil" in page
    assert "4.00" in page
    response = client.post(f"/recipes/{recipe.pk}/duplicate/")
    with tenant_context(org_a):
        copy = Recipe.objects.get(name="Face oil (copy)")
    assert response.url == f"/recipes/{copy.pk}/"
