"""Edges of containers, labels and their settings that the main tests leave out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.container_options import fill_pct_of, fill_proposal
from batches.errors import InvalidOutput
from batches.label_data import label_for
from batches.models import Batch
from batches.services import (
    ContainerCount,
    OutputInput,
    fill_containers,
    finish_batch,
    plan_batch,
    set_public_records,
    start_batch,
)
from inventory.errors import InvalidItem
from inventory.models import Item
from inventory.services import create_container
from recipes.services import ContainerChoice, update_recipe
from tests.conftest import make_member, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def test_a_candles_vessel_fill_is_the_default_fill(acme):
    wax = make_item("Soy wax")
    stock(wax, "1000", "0.01")
    recipe = make_recipe(
        "Candle",
        [(wax, "900", "g")],
        yield_quantity="900",
        yield_unit="g",
        category="candle",
        category_data={"vessel_fill_pct": "90"},
    )
    batch = plan_batch(version=recipe.current_version)
    assert fill_pct_of(batch) == Decimal("90")


def test_an_allowed_container_without_capacity_is_left_out(acme):
    oil = make_item("Oil", "fl oz")
    stock(oil, "100", "0.1")
    plain = make_item("Old jar", "each", kind=Item.Kind.CONTAINER)
    recipe = make_recipe("Oil", [(oil, "8", "fl oz")], yield_quantity="8", yield_unit="fl oz")
    update_recipe(
        recipe=recipe,
        name="Oil",
        category="soap",
        prefix=recipe.prefix,
        output_item_id=None,
        containers=ContainerChoice([plain.pk]),
    )
    proposal = fill_proposal(plan_batch(version=recipe.current_version))
    assert proposal.plan is None
    assert proposal.skipped == ("Old jar has no capacity; add it on the item.",)


def test_the_recipe_refuses_a_fill_out_of_range_or_a_foreign_container(acme):
    from recipes.errors import InvalidRecipe

    recipe = make_recipe("Soap", [(make_item("Oil"), "1", "g")])
    for choice in (ContainerChoice([], "120"), ContainerChoice([], "x"), ContainerChoice([999])):
        with pytest.raises(InvalidRecipe):
            update_recipe(
                recipe=recipe,
                name="Soap",
                category="soap",
                prefix=recipe.prefix,
                output_item_id=None,
                containers=choice,
            )


def test_long_container_words_are_refused(acme):
    with pytest.raises(InvalidItem) as caught:
        create_container(
            organization=acme, capacity="4", capacity_unit="ml", container_type="jar" * 20
        )
    assert caught.value.message == "Keep the type to 40 characters."


def test_a_filled_share_needs_a_density_across_weight_and_volume(acme):
    paste = make_item("Paste", "g")
    stock(paste, "100", "0.1")
    jar = create_container(
        organization=acme, capacity="50", capacity_unit="ml", container_type="jar"
    )
    stock(jar, "5", "1")
    pot = make_item("Paste pot", "each", kind=Item.Kind.PRODUCT)
    recipe = make_recipe("Paste", [(paste, "100", "g")], yield_quantity="100", yield_unit="g")
    batch = plan_batch(version=recipe.current_version)
    fill_containers(batch=batch, containers=[ContainerCount(jar.pk, 2)])
    batch = start_batch(batch=batch)
    with pytest.raises(InvalidOutput) as caught:
        finish_batch(
            batch=batch, actual_yield="100", outputs=[OutputInput(pot.pk, "2", container_id=jar.pk)]
        )
    assert "Jar - 50 ml holds ml but the yield is in g" in caught.value.message
    with pytest.raises(InvalidOutput) as caught:
        finish_batch(
            batch=batch,
            actual_yield="100",
            outputs=[OutputInput(pot.pk, "2", yield_share="100", container_id=jar.pk)],
            unused_containers=[ContainerCount(jar.pk, "x")],
        )
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.IN_PROGRESS


def test_a_label_names_what_it_cannot_weigh_or_name(acme):
    water = make_item("Rose water", "ml")  # no density
    butter = make_item("House butter")  # no INCI anywhere
    stock(water, "100", "0.01")
    stock(butter, "100", "0.01")
    bar = make_item("Bar", "each", kind=Item.Kind.PRODUCT)
    recipe = make_recipe(
        "Bars", [(water, "10", "ml"), (butter, "90", "g")], portion_name="bar", category="soap"
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    finish_batch(batch=batch, actual_yield="10", outputs=[OutputInput(bar.pk, "10")])
    label = label_for(batch)
    assert label.problems == (
        "Rose water is kept in ml with no density, so it can't be weighed for the list. Give it a "
        "density and it takes its place.",
        "House butter has no INCI name, so its own name is listed.",
    )
    assert label.ingredients.ingredients == ("House butter",)
    assert label.rinse_off is True
    assert label.net_quantity == ""


def test_the_public_record_switch_without_a_batch_goes_to_the_list(org_a):
    client = workspace_client(make_member(org_a, "owner"), org_a)
    response = client.post("/batches/labels/settings/", {})
    assert response.url == "/batches/"
    from django_tenants.utils import tenant_context

    with tenant_context(org_a):
        assert set_public_records(enabled=False).public_records is False
