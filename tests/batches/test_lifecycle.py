"""The batch lifecycle against real stock: plan -> start -> in progress -> finish / cancel / fail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from batches.errors import (
    IllegalTransition,
    InvalidNote,
    InvalidOutput,
    InvalidSkip,
    InvalidYield,
    StockShort,
)
from batches.models import Batch, BatchDraw, BatchLine, BatchNote, BatchOutput
from batches.services import (
    OutputInput,
    add_extra,
    add_note,
    cancel_batch,
    fail_batch,
    finish_batch,
    plan_batch,
    start_batch,
)
from batches.services.codes import workspace_now
from inventory import units
from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from recipes.services import LineInput, VersionContent, publish_version, save_draft
from tests.recipes.factories import make_item, make_recipe, stock


def world():
    """Everything the production side and inventory hold, to assert that a refusal changed nothing."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, Batch, BatchLine, BatchDraw, BatchOutput, BatchNote)
    }


@pytest.fixture
def soap(acme):
    """A 10-bar soap recipe: 900 g olive oil, 130 g lye; oil in two lots, lye in one."""
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    bar = make_item("Lavender bar", "each", kind=Item.Kind.PRODUCT)
    old_oil = stock(oil, "500", "0.01", days_ago=5, supplier="Oleo", supplier_lot_code="OL-1")
    new_oil = stock(oil, "1000", "0.02", days_ago=1, supplier="Oleo", supplier_lot_code="OL-2")
    lye_lot = stock(lye, "1000", "0.004", supplier="ChemCo", supplier_lot_code="NaOH-7")
    recipe = make_recipe("Lavender soap", [(oil, "900", "g"), (lye, "130", "g")], prefix="LAV")
    return {
        "oil": oil,
        "lye": lye,
        "bar": bar,
        "old_oil": old_oil,
        "new_oil": new_oil,
        "lye_lot": lye_lot,
        "recipe": recipe,
    }


def remaining(lot: Lot) -> Decimal:
    lot.refresh_from_db()
    return lot.quantity_remaining


def test_whole_lifecycle(soap):
    batch = plan_batch(version=soap["recipe"].current_version, factor="1")
    assert (batch.status, batch.code, batch.planned_yield) == ("planned", None, Decimal("10"))

    started = start_batch(batch=batch)
    year = workspace_now().year
    assert started.code == f"LAV-{year}-001"
    assert started.status == "in_progress"
    # 900 g oil FIFO: 500 g at 0.01 + 400 g at 0.02 = 13.00; 130 g lye at 0.004 = 0.52.
    assert started.consumed_cost == Decimal("13.52")
    assert remaining(soap["old_oil"]) == 0
    assert remaining(soap["new_oil"]) == Decimal("600")
    assert remaining(soap["lye_lot"]) == Decimal("870")
    draws = [(d.lot_id, d.quantity, d.unit_cost) for d in BatchDraw.objects.filter(batch=batch)]
    assert draws == [
        (soap["old_oil"].pk, Decimal("500"), Decimal("0.01")),
        (soap["new_oil"].pk, Decimal("400"), Decimal("0.02")),
        (soap["lye_lot"].pk, Decimal("130"), Decimal("0.004")),
    ]

    extra = add_extra(batch=batch, item_id=soap["oil"].pk, quantity="0.1", unit="kg", note="seized")
    assert (extra.is_extra, extra.position, extra.status) == (True, 3, "consumed")
    assert extra.cost == Decimal("2.00")
    add_note(batch=batch, text="Traced at 5 minutes.")

    finished = finish_batch(
        batch=batch, actual_yield="10", outputs=[OutputInput(soap["bar"].pk, "10")]
    )
    assert finished.status == "finished"
    output = BatchOutput.objects.get(batch=batch)
    # (13.52 + 2.00) / 10 bars
    assert output.lot.unit_cost == Decimal("1.552")
    assert output.lot.quantity_remaining == Decimal("10")
    assert output.lot.source == "batch_output"
    assert (output.lot.reference_type, output.lot.reference_id) == ("batch", batch.pk)
    soap["bar"].refresh_from_db()
    assert soap["bar"].on_hand == Decimal("10")
    assert ledger_imbalances() == []


def test_batch_codes_count_up_per_prefix(soap):
    version = soap["recipe"].current_version
    stock(soap["oil"], "5000", "0.01")
    stock(soap["lye"], "1000", "0.01")
    codes = [start_batch(batch=plan_batch(version=version)).code for _ in range(3)]
    year = workspace_now().year
    assert codes == [f"LAV-{year}-001", f"LAV-{year}-002", f"LAV-{year}-003"]


def test_start_with_a_shortage_changes_nothing(soap):
    batch = plan_batch(version=soap["recipe"].current_version, factor="2")  # 1800 g oil, 260 g lye
    before = world()
    with pytest.raises(StockShort) as caught:
        start_batch(batch=batch)
    error = caught.value
    assert error.message == (
        "One ingredient is short, so the batch was not started and no stock was used. "
        "You need 300 g more Olive oil: this needs 1,800 g and 1,500 g is available. "
        "Receive more stock, plan a smaller batch, or skip those lines and say why."
    )
    assert error.line_positions == {soap["oil"].pk: [1]}
    assert world() == before


def test_skipping_short_lines_needs_a_reason_and_takes_nothing_for_them(soap):
    batch = plan_batch(version=soap["recipe"].current_version, factor="2")
    before = world()
    with pytest.raises(InvalidSkip, match="Say why"):
        start_batch(batch=batch, skip_positions=[1])
    assert world() == before
    started = start_batch(batch=batch, skip_positions=[1], skip_reason="Using the neighbour's oil")
    lines = {line.position: line.status for line in started.lines.all()}
    assert lines == {1: "skipped", 2: "consumed"}
    assert remaining(soap["old_oil"]) == Decimal("500")
    assert started.skip_reason == "Using the neighbour's oil"
    note = started.notes.get().text
    assert note == "Started without: 1,800 g Olive oil. Reason: Using the neighbour's oil"


def test_cancel_returns_stock_to_the_exact_lots(soap):
    batch = start_batch(batch=plan_batch(version=soap["recipe"].current_version))
    add_extra(batch=batch, item_id=soap["oil"].pk, quantity="50", unit="g")
    # Newer oil arrives after the start: the refund must not go to it, nor to "the oldest lot".
    newest = stock(soap["oil"], "100", "0.05")
    cancelled = cancel_batch(batch=batch, reason="Power cut")
    assert cancelled.status == "cancelled"
    assert remaining(soap["old_oil"]) == Decimal("500")
    assert remaining(soap["new_oil"]) == Decimal("1000")
    assert remaining(soap["lye_lot"]) == Decimal("1000")
    assert remaining(newest) == Decimal("100")
    restores = Movement.objects.filter(
        reference_type="batch", reference_id=batch.pk, kind="restore"
    )
    assert sorted((m.lot_id, m.quantity) for m in restores) == sorted(
        [
            (soap["old_oil"].pk, Decimal("500")),
            (soap["new_oil"].pk, Decimal("400")),
            (soap["lye_lot"].pk, Decimal("130")),
            (soap["new_oil"].pk, Decimal("50")),
        ]
    )
    assert set(cancelled.lines.values_list("status", flat=True)) == {"returned"}
    assert ledger_imbalances() == []


def test_cancel_a_plan_touches_no_stock(soap):
    batch = plan_batch(version=soap["recipe"].current_version)
    movements = Movement.objects.count()
    cancel_batch(batch=batch)
    assert Movement.objects.count() == movements
    batch.refresh_from_db()
    assert batch.status == "cancelled"


def test_fail_keeps_the_consumption_as_loss(soap):
    batch = start_batch(batch=plan_batch(version=soap["recipe"].current_version))
    before = world()
    with pytest.raises(InvalidNote, match="Say what went wrong"):
        fail_batch(batch=batch, reason="  ")
    assert world() == before
    failed = fail_batch(batch=batch, reason="Soap seized in the pot")
    assert (failed.status, failed.end_reason) == ("failed", "Soap seized in the pot")
    assert failed.loss_value == Decimal("13.52")
    assert remaining(soap["old_oil"]) == 0
    assert remaining(soap["lye_lot"]) == Decimal("870")
    assert not Movement.objects.filter(kind="restore").exists()
    assert ledger_imbalances() == []


@pytest.mark.parametrize(
    ("steps", "action", "message"),
    [
        (
            ["start", "finish"],
            "finish",
            "Batch {code} is finished, so it can't be finished. It was already finished; its "
            "outputs are on the shelf.",
        ),
        (
            ["start", "finish"],
            "cancel",
            "Batch {code} is finished, so it can't be cancelled. Its outputs are already on the "
            "shelf. To take them back out, adjust those lots.",
        ),
        (
            ["start"],
            "start",
            "Batch {code} is in progress, so it can't be started. It is already running.",
        ),
        ([], "finish", "Batch {code} is planned, so it can't be finished. Start it first."),
        (
            [],
            "fail",
            "Batch {code} is planned, so it can't be marked as failed. It hasn't used any stock "
            "yet; cancel the plan instead.",
        ),
        (["start", "cancel"], "cancel", "Batch {code} is cancelled, so it can't be cancelled."),
        (["start", "fail"], "finish", "Batch {code} is failed, so it can't be finished."),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(soap, steps, action, message):
    batch = plan_batch(version=soap["recipe"].current_version)
    do = {
        "start": lambda: start_batch(batch=batch),
        "finish": lambda: finish_batch(
            batch=batch, actual_yield="10", outputs=[OutputInput(soap["bar"].pk, "10")]
        ),
        "cancel": lambda: cancel_batch(batch=batch),
        "fail": lambda: fail_batch(batch=batch, reason="spilled"),
    }
    for step in steps:
        do[step]()
    batch.refresh_from_db()
    before = world()
    with pytest.raises(IllegalTransition) as caught:
        do[action]()
    assert caught.value.message == message.format(code=batch.display_code)
    assert world() == before


def test_editing_the_recipe_leaves_planned_and_running_batches_alone(soap):
    version = soap["recipe"].current_version
    running = start_batch(batch=plan_batch(version=version))
    planned = plan_batch(version=version)
    draft = save_draft(
        recipe=soap["recipe"],
        content=VersionContent(
            yield_quantity="12",
            yield_unit="each",
            lines=[LineInput(soap["oil"].pk, "100", "g"), LineInput(soap["lye"].pk, "1", "g")],
            instructions="new way",
        ),
    )
    publish_version(version=draft)
    for batch in (running, planned):
        batch.refresh_from_db()
        assert batch.version_number == 1
        assert batch.planned_yield == Decimal("10")
        assert [(line.quantity, line.unit) for line in batch.lines.all()] == [
            (Decimal("900"), "g"),
            (Decimal("130"), "g"),
        ]
    stock(soap["oil"], "1000", "0.03")
    start_batch(batch=planned)
    oil_taken = sum(d.quantity for d in BatchDraw.objects.filter(batch=planned, item=soap["oil"]))
    assert oil_taken == Decimal("900")


@pytest.mark.parametrize(
    ("cost", "yield_quantity", "expected"),
    [("10", "3", "3.33"), ("20", "7", "2.86"), ("13.52", "9", "1.50"), ("1", "1000", "0.00")],
)
def test_output_unit_cost_is_consumed_cost_over_yield_to_the_cent(
    acme, cost, yield_quantity, expected
):
    flour = make_item("Flour")
    loaf = make_item("Loaf", "each", kind=Item.Kind.PRODUCT)
    stock(flour, "1", cost)
    recipe = make_recipe(
        "Bread", [(flour, "1", "g")], yield_quantity=yield_quantity, category="food"
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    assert batch.consumed_cost == Decimal(cost)
    finish_batch(
        batch=batch, actual_yield=yield_quantity, outputs=[OutputInput(loaf.pk, yield_quantity)]
    )
    lot = BatchOutput.objects.get(batch=batch).lot
    assert units.money(lot.unit_cost) == Decimal(expected)
    assert units.money(lot.unit_cost) == units.money(Decimal(cost) / Decimal(yield_quantity))


def test_outputs_split_between_a_sku_and_an_intermediate(acme):
    oil = make_item("Olive oil")
    base = make_item("Soap base", "g", kind=Item.Kind.INTERMEDIATE)
    bar = make_item("Bar", "each", kind=Item.Kind.PRODUCT)
    stock(oil, "1000", "0.012")
    recipe = make_recipe("Base", [(oil, "1000", "g")], yield_quantity="1000", yield_unit="g")
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    finish_batch(
        batch=batch,
        actual_yield="950",
        outputs=[OutputInput(base.pk, "500"), OutputInput(bar.pk, "4", yield_share="450")],
    )
    outputs = {o.item_id: o for o in BatchOutput.objects.filter(batch=batch)}
    # 12.00 over 950 g: 500 g of base hold 6.315789...; 4 bars hold 450 g = 5.684210...
    assert units.money(outputs[base.pk].total_cost) == Decimal("6.32")
    assert units.money(outputs[bar.pk].total_cost) == Decimal("5.68")
    assert outputs[base.pk].lot.unit_cost == Decimal("0.012632")
    assert outputs[bar.pk].lot.unit_cost == Decimal("1.421053")


def test_an_output_whose_unit_does_not_meet_the_yield_unit_needs_its_share(acme):
    oil = make_item("Olive oil")
    base = make_item("Soap base", "g", kind=Item.Kind.INTERMEDIATE)
    stock(oil, "1000", "0.01")
    recipe = make_recipe("Bars", [(oil, "1000", "g")], yield_quantity="10", yield_unit="each")
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    before = world()
    with pytest.raises(InvalidOutput) as caught:
        finish_batch(batch=batch, actual_yield="10", outputs=[OutputInput(base.pk, "500")])
    assert caught.value.message == (
        "Output 1: 500 g of Soap base can't be compared with the batch's yield in each. Say how "
        "much of the yield (in each) it holds."
    )
    assert world() == before
    finish_batch(
        batch=batch, actual_yield="10", outputs=[OutputInput(base.pk, "500", yield_share="10")]
    )
    assert BatchOutput.objects.get(batch=batch).lot.unit_cost == Decimal("0.02")


def test_expiry_from_shelf_life_and_cure_until(acme):
    oil = make_item("Olive oil")
    bar = make_item("Bar", "each", kind=Item.Kind.PRODUCT)
    stock(oil, "100", "0.01")
    recipe = make_recipe("Cured soap", [(oil, "100", "g")], shelf_life_days=365, cure_days=28)
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    cure = timezone.now() + timezone.timedelta(days=28)
    finish_batch(
        batch=batch, actual_yield="10", outputs=[OutputInput(bar.pk, "10")], hold_until=cure
    )
    lot = BatchOutput.objects.get(batch=batch).lot
    assert lot.hold_until == cure
    assert abs((lot.expires_at - lot.received_at).days - 365) == 0
    assert lot.is_curing()


@pytest.mark.parametrize(
    ("actual_yield", "outputs", "error", "message"),
    [
        ("0", [], InvalidYield, "The yield must be more than zero; 0 was given."),
        ("-3", [], InvalidYield, "The yield must be more than zero; -3 was given."),
        (
            "0.0000001",
            [],
            InvalidYield,
            "The yield must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            "10",
            [("bar", "1e-40", None)],
            InvalidOutput,
            "Output 1: The quantity of Lavender bar must be more than zero at the precision we "
            "keep: 0.000001.",
        ),
        (
            "10",
            [("bar", "8", None)],
            InvalidOutput,
            "The outputs hold 8 each but the batch yielded 10 each. Put the whole yield on the "
            "shelf (add an output for the rest) or correct the yield.",
        ),
        (
            "10",
            [("oil", "10", None)],
            InvalidOutput,
            "Output 1: Olive oil can't take a batch's output; choose a product or made "
            "ingredient that is active and whose stock is tracked.",
        ),
        (
            "10",
            [("bar", "10", "kg")],
            InvalidOutput,
            "Output 1: Lavender bar is kept in each (count), so an amount in kg (weight) can't be "
            "turned into it. Enter it in a count unit, or add a custom unit that says what one kg is "
            "in each.",
        ),
    ],
)
def test_bad_finish_input_is_refused_and_changes_nothing(
    soap, actual_yield, outputs, error, message
):
    batch = start_batch(batch=plan_batch(version=soap["recipe"].current_version))
    before = world()
    with pytest.raises(error) as caught:
        finish_batch(
            batch=batch,
            actual_yield=actual_yield,
            outputs=[OutputInput(soap[key].pk, qty, unit) for key, qty, unit in outputs],
        )
    assert caught.value.message == message
    assert world() == before


def test_extra_with_a_shortage_changes_nothing(soap):
    batch = start_batch(batch=plan_batch(version=soap["recipe"].current_version))
    before = world()
    from inventory.errors import InsufficientStock

    with pytest.raises(InsufficientStock):
        add_extra(batch=batch, item_id=soap["oil"].pk, quantity="5", unit="kg")
    assert world() == before


def test_monthly_batch_limit(soap, monkeypatch):
    from batches.services import lifecycle
    from billing.errors import LimitReached

    monkeypatch.setattr(lifecycle, "batches_started_this_month", lambda: 30)
    batch = plan_batch(version=soap["recipe"].current_version)
    before = world()
    with pytest.raises(LimitReached, match="Free plan allows 30 batches a month"):
        start_batch(batch=batch)
    assert world() == before
