"""One stock check for a batch (`batches.selectors.batch_stock_check`): the batch page, the guided
start's check and confirm steps and its "receive what is short" page all read it."""

from __future__ import annotations

from decimal import Decimal

from batches.selectors import Fix, batch_record, batch_stock_check
from batches.services import add_extra, plan_batch, start_batch
from inventory.models import Item, Lot, Movement
from inventory.services import ConsumeLine, StockStatus, check_stock
from tests.recipes.factories import make_item, make_recipe, stock


def _soap(oil_on_hand: str, lye_on_hand: str):
    """500 g olive oil (written in kg) and 100 g lye per batch."""
    oil = make_item("Olive oil")
    lye = make_item("Sodium hydroxide")
    if oil_on_hand:
        stock(oil, oil_on_hand, "0.01")
    if lye_on_hand:
        stock(lye, lye_on_hand, "0.004")
    recipe = make_recipe("Castile soap", [(oil, "0.5", "kg"), (lye, "100", "g")], prefix="CAS")
    return oil, lye, recipe


def test_a_covered_batch_is_ready_with_nothing_to_fix(acme):
    oil, lye, recipe = _soap("500", "100")
    check = batch_stock_check(batch_record(plan_batch(version=recipe.current_version).pk))
    assert check.status == StockStatus.OK
    assert check.ready is True
    assert [(line.position, c.status) for line, c in check.rows] == [
        (1, StockStatus.OK),
        (2, StockStatus.OK),
    ]
    assert check.short == [] and check.broken == [] and check.fixes == []
    assert check.shortfall_of(oil.pk) == Decimal("0")
    assert check.shortfall_of(lye.pk) == Decimal("0")


def test_each_short_item_gets_a_fix_in_its_stock_unit(acme):
    oil, lye, recipe = _soap("350", "40")
    batch = batch_record(plan_batch(version=recipe.current_version, factor="2").pk)
    before = (Lot.objects.count(), Movement.objects.count(), list(Item.objects.values("on_hand")))
    check = batch_stock_check(batch)
    # 2 x 0.5 kg = 1000 g oil against 350 g; 200 g lye against 40 g.
    assert check.status == StockStatus.SHORT
    assert check.ready is False
    assert [(line.position, c.shortfall) for line, c in check.short] == [
        (1, Decimal("650")),
        (2, Decimal("160")),
    ]
    assert check.fixes == [
        Fix(oil.pk, "Olive oil", Decimal("650"), "g"),
        Fix(lye.pk, "Sodium hydroxide", Decimal("160"), "g"),
    ]
    assert check.shortfall_of(oil.pk) == Decimal("650")
    assert check.shortfall_of(lye.pk) == Decimal("160")
    # The same figure inventory's own check gives for the item's whole need.
    whole = check_stock(lines=[ConsumeLine(oil.pk, Decimal("1000"))])
    assert whole.lines[0].shortfall == check.shortfall_of(oil.pk)
    # A read: nothing changed.
    after = (Lot.objects.count(), Movement.objects.count(), list(Item.objects.values("on_hand")))
    assert after == before


def test_an_item_the_plan_does_not_use_has_no_shortfall(acme):
    _oil, _lye, recipe = _soap("500", "100")
    other = make_item("Beeswax")
    check = batch_stock_check(batch_record(plan_batch(version=recipe.current_version).pk))
    assert check.shortfall_of(other.pk) is None


def test_extras_are_not_part_of_the_check(acme):
    oil, _lye, recipe = _soap("600", "100")
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    add_extra(batch=batch, item_id=oil.pk, quantity="100", unit="g")
    check = batch_stock_check(batch_record(batch.pk))
    assert [line.position for line, _c in check.rows] == [1, 2]
