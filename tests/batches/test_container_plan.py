"""Filling a planned batch into containers: the proposal from stock (units and density converted),
the chosen containers as plan lines that starting takes, and the bottled output at finish."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from batches.container_options import fill_proposal
from batches.errors import IllegalTransition, InvalidContainers
from batches.models import BatchLine, BatchOutput
from batches.services import (
    ContainerCount,
    OutputInput,
    fill_containers,
    finish_batch,
    plan_batch,
    start_batch,
)
from inventory.models import Item
from inventory.services import create_container, update_item
from recipes.services import ContainerChoice, update_recipe
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def _jar(org, capacity="4", unit="fl oz", **extra):
    return create_container(
        organization=org, capacity=capacity, capacity_unit=unit, container_type="jar", **extra
    )


def _lotion(yield_quantity="12", yield_unit="fl oz", **extra):
    base = make_item("Lotion base", "fl oz")
    stock(base, "100", "0.50")
    return make_recipe(
        "Lotion",
        [(base, yield_quantity, "fl oz")],
        yield_quantity=yield_quantity,
        yield_unit=yield_unit,
        category="cosmetic",
        **extra,
    )


def _picks(plan):
    return [(p.name, p.count) for p in plan.picks]


def test_12_fl_oz_fill_3_four_ounce_jars_which_start_takes_and_finish_fills(acme):
    jar = _jar(acme, material="glass")
    stock(jar, "10", "0.40")
    recipe = _lotion()
    batch = plan_batch(version=recipe.current_version)
    proposal = fill_proposal(batch)
    assert _picks(proposal.plan) == [("Glass Jar - 4 fl oz", 3)]
    assert proposal.plan.containment_pct == Decimal("100")
    assert proposal.plan.warnings == ()
    (line,) = fill_containers(batch=batch, containers=[ContainerCount(jar.pk, 3)])
    assert (line.position, line.item_id, line.stock_quantity) == (2, jar.pk, Decimal("3"))
    started = start_batch(batch=batch)
    jar.refresh_from_db()
    assert jar.on_hand == Decimal("7")
    assert started.consumed_cost == Decimal("7.20")  # 12 x 0.50 + 3 x 0.40
    sku = make_item("Lotion 4 fl oz", "each", kind=Item.Kind.PRODUCT)
    # The share of the yield comes from what the jars hold: 3 x 4 fl oz.
    finish_batch(
        batch=started, actual_yield="12", outputs=[OutputInput(sku.pk, "3", container_id=jar.pk)]
    )
    output = BatchOutput.objects.get(batch=started)
    assert (output.yield_share, output.unit_cost, output.packaging_cost) == (
        Decimal("12"),
        Decimal("2.4"),
        Decimal("1.2"),
    )


def test_10_fl_oz_with_two_jars_in_stock_says_2_fl_oz_wont_fit(acme):
    jar = _jar(acme)
    stock(jar, "2", "0.40")
    batch = plan_batch(version=_lotion("10").current_version)
    plan = fill_proposal(batch).plan
    assert _picks(plan) == [("Jar - 4 fl oz", 2)]
    assert plan.unfilled == Decimal("2")
    assert plan.warnings[0].startswith("2 fl oz won't fit")


def test_volume_containers_take_a_weight_yield_through_the_products_density(acme):
    tin = _jar(acme, capacity="100", unit="ml", material="tin")
    stock(tin, "10", "0.30")
    balm = make_item("Balm", "g", kind=Item.Kind.PRODUCT, density_g_per_ml="1.2")
    recipe = _lotion("360", "g")
    update_recipe(
        recipe=recipe, name="Lotion", category="cosmetic", prefix=recipe.prefix, output_item_id=None
    )
    batch = plan_batch(version=recipe.current_version)
    proposal = fill_proposal(batch)
    assert proposal.plan is None
    assert proposal.skipped == (
        "Tin Jar - 100 ml holds ml but the yield is in g. Choose the product the batches go to "
        "in the recipe's settings, and give it a density.",
    )
    recipe.refresh_from_db()
    update_recipe(
        recipe=recipe,
        name="Lotion",
        category="cosmetic",
        prefix=recipe.prefix,
        output_item_id=balm.pk,
    )
    batch.refresh_from_db()
    plan = fill_proposal(plan_batch(version=recipe.current_version)).plan
    # 100 ml at 1.2 g/ml holds 120 g: 3 tins for 360 g.
    assert _picks(plan) == [("Tin Jar - 100 ml", 3)]
    assert plan.containment_pct == Decimal("100")


def test_the_recipe_chooses_the_containers_and_the_fill(acme):
    small, big = _jar(acme), _jar(acme, capacity="8")
    stock(small, "10", "0.40")
    stock(big, "10", "0.60")
    recipe = _lotion("18")
    update_recipe(
        recipe=recipe,
        name="Lotion",
        category="cosmetic",
        prefix=recipe.prefix,
        output_item_id=None,
        containers=ContainerChoice([small.pk], "75"),
    )
    plan = fill_proposal(plan_batch(version=recipe.current_version)).plan
    # Only the 4 fl oz jar, filled to 75 %: 3 fl oz each, 6 jars for 18 fl oz.
    assert _picks(plan) == [("Jar - 4 fl oz", 6)]
    assert plan.picks[0].capacity == Decimal("3")


def test_a_counted_yield_has_nothing_to_pour(acme):
    batch = plan_batch(version=_lotion("10", "each").current_version)
    assert fill_proposal(batch).problem.startswith("This batch's yield is counted in each")


def test_no_containers_at_all_says_how_to_add_them(acme):
    batch = plan_batch(version=_lotion().current_version)
    assert fill_proposal(batch).problem.startswith("No container can take this batch yet")


def test_refilling_replaces_the_chosen_containers(acme):
    small, big = _jar(acme), _jar(acme, capacity="8")
    batch = plan_batch(version=_lotion().current_version)
    fill_containers(batch=batch, containers=[ContainerCount(small.pk, 3)])
    fill_containers(batch=batch, containers=[ContainerCount(big.pk, "2")])
    fills = BatchLine.objects.filter(batch=batch, is_container_fill=True)
    assert [(line.item_id, line.quantity) for line in fills] == [(big.pk, Decimal("2"))]


def test_wrong_containers_are_refused_and_change_nothing(acme):
    jar = _jar(acme)
    archived = _jar(acme, capacity="2")
    update_item(item=archived, is_archived=True)
    recipe = _lotion()
    batch = plan_batch(version=recipe.current_version)
    oil = recipe.current_version.lines.get().item
    before = list(BatchLine.objects.values())
    with pytest.raises(InvalidContainers) as caught:
        fill_containers(
            batch=batch,
            containers=[
                ContainerCount(oil.pk, 1),
                ContainerCount(archived.pk, 1),
                ContainerCount(jar.pk, "1.5"),
                ContainerCount(jar.pk, 1),
            ],
        )
    assert caught.value.message == (
        "Choose containers from this workspace's active containers. Choose containers from this "
        "workspace's active containers. Count whole containers for Jar - 4 fl oz; 1.5 isn't one. "
        "Jar - 4 fl oz is listed twice; put the whole count on one row."
    )
    assert list(BatchLine.objects.values()) == before
    start_batch(batch=batch)
    with pytest.raises(IllegalTransition):
        fill_containers(batch=batch, containers=[ContainerCount(jar.pk, 1)])


def test_the_planned_batch_page_proposes_and_adds_containers(org_a):
    client = workspace_client(make_member(org_a, "production"), org_a)
    with tenant_context(org_a):
        jar = _jar(org_a)
        stock(jar, "10", "0.40")
        batch = plan_batch(version=_lotion().current_version)
    page = page_text(client.get(f"/batches/{batch.pk}/"))
    assert "3 containers holding 12 fl oz (100 % of the yield)" in page
    response = client.post(f"/batches/{batch.pk}/containers/", {f"count_{jar.pk}": "3"})
    assert response.status_code == 302
    with tenant_context(org_a):
        assert BatchLine.objects.filter(batch=batch, is_container_fill=True).count() == 1
    settings = client.post(
        f"/recipes/{batch.recipe_id}/settings/",
        {
            "name": "Lotion",
            "category": "cosmetic",
            "prefix": "LOT",
            "allowed_containers": [jar.pk],
            "fill_pct": "90",
        },
    )
    assert settings.status_code == 302
    with tenant_context(org_a):
        batch.recipe.refresh_from_db()
        assert batch.recipe.fill_pct == Decimal("90")
        assert list(batch.recipe.allowed_containers.all()) == [jar]
