"""Recipes: create, versions (drafts, publishing, immutability), variations, bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from recipes.errors import (
    DuplicatePrefix,
    DuplicateRecipeName,
    InvalidLine,
    InvalidRecipe,
    NotPublishable,
    VersionLocked,
)
from recipes.models import Recipe, RecipeLine, RecipeVersion
from recipes.services import (
    LineInput,
    VersionContent,
    create_recipe,
    create_variation,
    discard_draft,
    publish_version,
    save_draft,
    update_recipe,
)
from tests.recipes.factories import make_item, make_recipe


def snapshot():
    return (
        list(Recipe.objects.order_by("pk").values()),
        list(RecipeVersion.objects.order_by("pk").values()),
        list(RecipeLine.objects.order_by("pk").values()),
    )


def content(lines, **extra):
    extra.setdefault("yield_quantity", "10")
    extra.setdefault("yield_unit", "each")
    return VersionContent(lines=lines, **extra)


def test_create_published_recipe_is_current_version_one(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye", "kg")
    recipe = make_recipe("Castile soap", [(oil, "900", "g"), (lye, "120", "g")])
    version = recipe.current_version
    assert version.number == 1
    assert version.status == "published"
    assert [(line.item_id, line.quantity, line.unit) for line in version.lines.all()] == [
        (oil.pk, Decimal("900"), "g"),
        (lye.pk, Decimal("120"), "g"),
    ]
    assert recipe.prefix == "CS"


def test_units_are_stored_canonical_and_category_fields_kept(acme):
    oil = make_item("Olive oil")
    recipe = create_recipe(
        name="Lavender bar",
        category="soap",
        content=content(
            [LineInput(oil.pk, "2", "Pounds", "melt first")],
            category_data={"superfat_pct": "5.0", "fragrance_load_pct": "9"},
            tags=["Lavender", "lavender", " gift  set "],
        ),
        publish=True,
    )
    version = recipe.current_version
    line = version.lines.get()
    assert (line.unit, line.note) == ("lb", "melt first")
    assert version.category_data == {"superfat_pct": "5"}  # candle field dropped for soap
    assert version.tags == ["lavender", "gift set"]


def test_editing_a_published_recipe_makes_a_draft_and_leaves_v1_alone(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    v1 = recipe.current_version
    draft = save_draft(recipe=recipe, content=content([LineInput(oil.pk, "950", "g")]))
    assert (draft.number, draft.status, draft.based_on_id) == (2, "draft", v1.pk)
    v1.refresh_from_db()
    assert v1.lines.get().quantity == Decimal("900")
    recipe.refresh_from_db()
    assert recipe.current_version_id == v1.pk
    # Saving again edits the same draft.
    again = save_draft(recipe=recipe, content=content([LineInput(oil.pk, "960", "g")]))
    assert again.pk == draft.pk
    assert again.lines.get().quantity == Decimal("960")
    publish_version(version=again)
    recipe.refresh_from_db()
    assert recipe.current_version_id == draft.pk
    assert list(recipe.versions.values_list("number", "status")) == [
        (2, "published"),
        (1, "published"),
    ]


def test_publishing_twice_is_refused(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    with pytest.raises(VersionLocked, match="already published"):
        publish_version(version=recipe.current_version)


def test_publishing_a_draft_without_lines_is_refused(acme):
    recipe = create_recipe(name="Empty idea", category="other", content=content([]))
    before = snapshot()
    with pytest.raises(NotPublishable, match="at least one ingredient"):
        publish_version(version=recipe.versions.get())
    assert snapshot() == before


def test_database_refuses_changes_to_a_published_version(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    version = recipe.current_version
    with pytest.raises(IntegrityError), transaction.atomic():
        RecipeVersion.objects.filter(pk=version.pk).update(instructions="sneaky")
    with pytest.raises(IntegrityError), transaction.atomic():
        RecipeLine.objects.filter(version=version).update(quantity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecipeLine.objects.create(version=version, position=9, item=oil, quantity=1, unit="g")


def test_discard_draft(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    draft = save_draft(recipe=recipe, content=content([LineInput(oil.pk, "950", "g")]))
    discard_draft(version=draft)
    assert list(recipe.versions.values_list("number", flat=True)) == [1]


def test_variation_branches_with_its_own_versions(acme):
    oil = make_item("Olive oil")
    lavender = make_item("Lavender oil", "ml")
    base = make_recipe("Castile soap", [(oil, "900", "g")])
    variation = create_variation(base=base, variation_name="Lavender")
    assert variation.base_id == base.pk
    assert variation.name == "Castile soap – Lavender"
    assert variation.prefix == "CSV1"
    draft = variation.versions.get()
    assert (draft.number, draft.status) == (1, "draft")
    assert [(line.item_id, line.quantity) for line in draft.lines.all()] == [
        (oil.pk, Decimal("900"))
    ]
    draft = save_draft(
        recipe=variation,
        content=content([LineInput(oil.pk, "900", "g"), LineInput(lavender.pk, "30", "ml")]),
    )
    publish_version(version=draft)
    variation.refresh_from_db()
    assert variation.current_version.lines.count() == 2
    assert base.current_version.lines.count() == 1


@pytest.mark.parametrize(
    ("yield_quantity", "message"),
    [
        ("0", "The yield must be more than zero; 0 was given."),
        ("-5", "The yield must be more than zero; -5 was given."),
        ("abc", "Enter the yield as a number, for example 250 or 12.5."),
    ],
)
def test_bad_yield_is_refused_and_nothing_written(acme, yield_quantity, message):
    oil = make_item("Olive oil")
    before = snapshot()
    with pytest.raises(InvalidRecipe) as caught:
        create_recipe(
            name="Bad",
            category="soap",
            content=content([LineInput(oil.pk, "1", "g")], yield_quantity=yield_quantity),
        )
    assert caught.value.message == message
    assert snapshot() == before


def test_lines_in_units_that_cannot_convert_are_refused(acme):
    oil = make_item("Olive oil")  # grams, no density
    jar = make_item("Jar", "each", kind="container")
    butter = make_item("Shea butter")
    wax = make_item("Beeswax")
    before = snapshot()
    with pytest.raises(InvalidLine) as caught:
        create_recipe(
            name="Bad units",
            category="soap",
            content=content(
                [
                    LineInput(oil.pk, "100", "ml"),
                    LineInput(jar.pk, "2", "kg"),
                    LineInput(butter.pk, "1", "smidge"),
                    LineInput(wax.pk, "0", "g"),
                ]
            ),
        )
    problems = dict(caught.value.details["problems"])
    assert problems[1].startswith(
        "Olive oil: Olive oil has no density, so ml can't be turned into g."
    )
    assert problems[2].startswith("Jar: Jar is kept in each (count)")
    assert problems[3].startswith("Shea butter: 'smidge' isn't a unit BatchTrack knows.")
    assert problems[4] == ("Beeswax: The quantity of Beeswax must be more than zero; 0 was given.")
    assert snapshot() == before


def test_density_and_custom_units_make_lines_convert(acme):
    from inventory.services import create_custom_unit

    oil = make_item("Olive oil", density_g_per_ml=Decimal("0.91"))
    castor = make_item("Castor oil", density_g_per_ml=Decimal("0.96"))
    create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    recipe = make_recipe("Oil soap", [(oil, "100", "ml"), (castor, "1", "scoop")])
    assert [line.unit for line in recipe.current_version.lines.all()] == ["ml", "scoop"]


def test_a_line_pointing_at_another_workspaces_item_is_refused(org_a, org_b):
    from django_tenants.utils import tenant_context

    with tenant_context(org_b):
        foreign = make_item("Globex wax")
    with tenant_context(org_a):
        # Make sure the id does not happen to exist in acme too.
        from inventory.models import Item

        assert not Item.objects.filter(pk=foreign.pk).exists()
        before = snapshot()
        with pytest.raises(InvalidLine) as caught:
            create_recipe(
                name="Stolen",
                category="candle",
                content=content([LineInput(foreign.pk, "100", "g")]),
            )
        assert caught.value.message == (
            "Row 1: choose an item from this workspace's inventory; that one doesn't exist here."
        )
        assert snapshot() == before


def test_duplicate_name_and_prefix_are_refused(acme):
    oil = make_item("Olive oil")
    make_recipe("Castile soap", [(oil, "900", "g")])
    with pytest.raises(DuplicateRecipeName, match="already a recipe called castile SOAP"):
        make_recipe("castile SOAP", [(oil, "900", "g")])
    other = make_recipe("Candle", [(oil, "1", "g")], prefix="CNDL")
    with pytest.raises(DuplicatePrefix, match="already uses the batch-code prefix CS"):
        update_recipe(
            recipe=other, name="Candle", category="candle", prefix="cs", output_item_id=None
        )


def test_generated_prefixes_do_not_collide(acme):
    oil = make_item("Olive oil")
    first = make_recipe("Castile soap", [(oil, "1", "g")])
    second = make_recipe("Citrus Sun", [(oil, "1", "g")])
    assert (first.prefix, second.prefix) == ("CS", "CS2")


def test_recipe_limit_is_checked(acme):
    from billing.errors import LimitReached

    oil = make_item("Olive oil")
    for n in range(10):
        make_recipe(f"Recipe {n}", [(oil, "1", "g")])
    with pytest.raises(LimitReached, match="Free plan allows 10 recipes"):
        make_recipe("One too many", [(oil, "1", "g")])


def test_save_and_publish_with_no_lines_saves_nothing(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    before = snapshot()
    with pytest.raises(NotPublishable) as caught:
        save_draft(recipe=recipe, content=content([]), publish=True)
    assert caught.value.message == (
        "To publish, add at least one ingredient line. A draft can be saved without them."
    )
    assert snapshot() == before


def test_save_and_publish_in_one_step(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")])
    version = save_draft(
        recipe=recipe, content=content([LineInput(oil.pk, "1", "kg")]), publish=True
    )
    recipe.refresh_from_db()
    assert (version.number, version.status, recipe.current_version_id) == (
        2,
        "published",
        version.pk,
    )
