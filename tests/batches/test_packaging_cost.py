"""Packaging cost lands where it was used: containers cost the output filled into them, the rest is
shared by yield, and unused containers go back to stock (issue 17, point 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.errors import InvalidOutput
from batches.models import Batch, BatchNote, BatchOutput
from batches.output_costs import OutputShare, allocate_output_costs
from batches.services import (
    ContainerCount,
    OutputInput,
    finish_batch,
    plan_batch,
    start_batch,
)
from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from tests.recipes.factories import make_item, make_recipe, stock


def test_the_issue_example_as_plain_values():
    # $35 of liquid + 10 bottles at $0.50 = $40; 8 bottles of 8 fl oz (64 fl oz) + 6 fl oz bulk.
    bottles, bulk = allocate_output_costs(
        batch_cost=Decimal("40"),
        container_costs={7: Decimal("5")},
        outputs=[OutputShare(Decimal("64"), 7, Decimal("8")), OutputShare(Decimal("6"))],
    )
    assert bottles.total / 8 == Decimal("4.625")
    assert bottles.packaging == Decimal("5")
    assert bulk.total / 6 == Decimal("0.5")
    assert bulk.packaging == 0


def test_a_container_no_output_names_is_shared_by_yield():
    first, second = allocate_output_costs(
        batch_cost=Decimal("40"),
        container_costs={7: Decimal("5")},
        outputs=[OutputShare(Decimal("64")), OutputShare(Decimal("6"))],
    )
    assert (first.total / 8).quantize(Decimal("0.000001")) == Decimal("4.571429")
    assert (second.total / 6).quantize(Decimal("0.000001")) == Decimal("0.571429")


def test_one_container_filled_by_two_outputs_is_split_by_count():
    a, b = allocate_output_costs(
        batch_cost=Decimal("13"),
        container_costs={1: Decimal("3")},
        outputs=[OutputShare(Decimal("4"), 1, Decimal("2")), OutputShare(Decimal("6"), 1, 1)],
    )
    assert (a.total, a.packaging) == (Decimal("6"), Decimal("2"))
    assert (b.total, b.packaging) == (Decimal("7"), Decimal("1"))


@pytest.mark.parametrize(
    "outputs",
    [[], [OutputShare(Decimal("0"))], [OutputShare(Decimal("1"), 3, Decimal("0"))]],
)
def test_impossible_allocations_are_programming_errors(outputs):
    with pytest.raises(ValueError):
        allocate_output_costs(batch_cost=Decimal("1"), container_costs={}, outputs=outputs)


@pytest.fixture
def bottled(acme):
    """70 fl oz of liquid at $0.50 ($35) and 10 bottles at $0.50 ($5), taken by a running batch."""
    liquid = make_item("Body oil", "fl oz")
    bottle = make_item("Amber bottle 8 fl oz", "each", kind=Item.Kind.CONTAINER)
    sku = make_item("Body oil 8 fl oz", "each", kind=Item.Kind.PRODUCT)
    bulk = make_item("Body oil bulk", "fl oz", kind=Item.Kind.PRODUCT)
    stock(liquid, "100", "0.50")
    bottle_lot = stock(bottle, "20", "0.50")
    recipe = make_recipe(
        "Body oil",
        [(liquid, "70", "fl oz"), (bottle, "10", "each")],
        yield_quantity="70",
        yield_unit="fl oz",
        category="cosmetic",
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    assert batch.consumed_cost == Decimal("40")
    return {"batch": batch, "bottle": bottle, "sku": sku, "bulk": bulk, "bottle_lot": bottle_lot}


def _lot(batch, item) -> Lot:
    return BatchOutput.objects.get(batch=batch, item=item).lot


def test_bottles_cost_the_bottled_output_and_the_liquid_is_shared_by_yield(bottled):
    batch, bottle = bottled["batch"], bottled["bottle"]
    finish_batch(
        batch=batch,
        actual_yield="70",
        outputs=[
            OutputInput(bottled["sku"].pk, "8", yield_share="64", container_id=bottle.pk),
            OutputInput(bottled["bulk"].pk, "6", "fl oz"),
        ],
    )
    assert _lot(batch, bottled["sku"]).unit_cost == Decimal("4.625")
    assert _lot(batch, bottled["bulk"]).unit_cost == Decimal("0.5")
    bottles = BatchOutput.objects.get(batch=batch, item=bottled["sku"])
    assert (bottles.container_id, bottles.container_count) == (bottle.pk, Decimal("8"))
    assert bottles.packaging_cost == Decimal("5")
    assert bottles.total_cost == Decimal("37")
    assert Batch.objects.get(pk=batch.pk).consumed_cost == Decimal("40")
    assert ledger_imbalances() == []


def test_unused_containers_go_back_to_their_lot_and_leave_the_cost(bottled):
    batch, bottle = bottled["batch"], bottled["bottle"]
    finish_batch(
        batch=batch,
        actual_yield="70",
        outputs=[
            OutputInput(bottled["sku"].pk, "8", yield_share="64", container_id=bottle.pk),
            OutputInput(bottled["bulk"].pk, "6", "fl oz"),
        ],
        unused_containers=[ContainerCount(bottle.pk, "2")],
    )
    # 8 bottles hold $32 of liquid and the 8 bottles used ($4): 4.50 each.
    assert _lot(batch, bottled["sku"]).unit_cost == Decimal("4.5")
    assert _lot(batch, bottled["bulk"]).unit_cost == Decimal("0.5")
    assert Batch.objects.get(pk=batch.pk).consumed_cost == Decimal("39")
    bottled["bottle_lot"].refresh_from_db()
    assert bottled["bottle_lot"].quantity_remaining == Decimal("12")
    back = Movement.objects.get(kind=Movement.Kind.RESTORE, item=bottle)
    assert (back.quantity, back.lot_id) == (Decimal("2"), bottled["bottle_lot"].pk)
    assert BatchNote.objects.filter(
        batch=batch, text="Unused containers went back to stock: 2 Amber bottle 8 fl oz."
    ).exists()
    assert ledger_imbalances() == []


def _world():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, Batch, BatchOutput, BatchNote)
    }


@pytest.mark.parametrize(
    ("outputs", "unused", "message"),
    [
        (
            [("sku", "8", "64", "bottle", "9"), ("bulk", "6", None, None, None)],
            [("bottle", "2")],
            "The outputs and the unused ones come to 11 Amber bottle 8 fl oz but the batch took "
            "only 10. Correct the counts, or add the missing containers to the batch as an extra "
            "first.",
        ),
        (
            [("sku", "8", "64", "sku", None), ("bulk", "6", None, None, None)],
            [],
            "Output 1: this batch took no such container from stock. Add the containers to the "
            "batch as an extra first, or leave the container blank.",
        ),
        (
            [("bulk", "70", None, "bottle", None)],
            [],
            "Output 1: say how many Amber bottle 8 fl oz Body oil bulk filled.",
        ),
        (
            [("sku", "8", "64", "bottle", "7.5"), ("bulk", "6", None, None, None)],
            [],
            "Output 1: Count whole containers for Amber bottle 8 fl oz filled; 7.5 isn't one.",
        ),
        (
            [("bulk", "70", None, None, None)],
            [("sku", "1")],
            "This batch took no such container from stock, so none can go back.",
        ),
    ],
)
def test_wrong_container_counts_are_refused_and_change_nothing(bottled, outputs, unused, message):
    names = {"sku": bottled["sku"].pk, "bulk": bottled["bulk"].pk, "bottle": bottled["bottle"].pk}
    rows = [
        OutputInput(
            names[item],
            qty,
            "fl oz" if item == "bulk" else None,
            yield_share=share,
            container_id=names.get(container) if container else None,
            container_count=count,
        )
        for item, qty, share, container, count in outputs
    ]
    before = _world()
    with pytest.raises(InvalidOutput) as caught:
        finish_batch(
            batch=bottled["batch"],
            actual_yield="70",
            outputs=rows,
            unused_containers=[ContainerCount(names[i], n) for i, n in unused],
        )
    assert caught.value.message == message
    assert _world() == before


def test_unused_containers_without_outputs_still_go_back(bottled):
    batch, bottle = bottled["batch"], bottled["bottle"]
    finish_batch(batch=batch, actual_yield="70", unused_containers=[ContainerCount(bottle.pk, 10)])
    assert Batch.objects.get(pk=batch.pk).consumed_cost == Decimal("35")
    bottled["bottle_lot"].refresh_from_db()
    assert bottled["bottle_lot"].quantity_remaining == Decimal("20")


def test_the_finish_page_takes_containers_and_unused_ones(org_a, bottled):
    from django_tenants.utils import tenant_context

    from tests.conftest import make_member, page_text, workspace_client

    batch, bottle = bottled["batch"], bottled["bottle"]
    client = workspace_client(make_member(org_a, "production"), org_a)
    form = page_text(client.get(f"/batches/{batch.pk}/finish/"))
    assert "Filled into" in form and "Unused Amber bottle 8 fl oz" in form
    response = client.post(
        f"/batches/{batch.pk}/finish/",
        {
            "actual_yield": "70",
            "outputs-TOTAL_FORMS": "2",
            "outputs-INITIAL_FORMS": "0",
            "outputs-0-item": bottled["sku"].pk,
            "outputs-0-quantity": "8",
            "outputs-0-yield_share": "64",
            "outputs-0-container": bottle.pk,
            "outputs-1-item": bottled["bulk"].pk,
            "outputs-1-quantity": "6",
            "outputs-1-unit": "fl oz",
            f"unused_{bottle.pk}": "2",
        },
    )
    assert response.status_code == 302
    with tenant_context(org_a):
        assert _lot(batch, bottled["sku"]).unit_cost == Decimal("4.5")
