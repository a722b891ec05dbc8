"""Scaling (exact, with unit conversion) and cost estimates (FIFO and average, no silent zeros)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from recipes.errors import InvalidScale
from recipes.services import estimate_cost, scale_version
from tests.inventory.factories import ago, ahead
from tests.recipes.factories import make_item, make_recipe, stock


def test_scale_by_factor_converts_each_line_to_its_stock_unit(acme):
    oil = make_item("Olive oil", "kg")
    lye = make_item("Lye")
    recipe = make_recipe(
        "Castile soap", [(oil, "900", "g"), (lye, "4", "oz")], yield_quantity="1.2", yield_unit="kg"
    )
    scaled = scale_version(version=recipe.current_version, factor="2.5")
    assert scaled.yield_quantity == Decimal("3")
    assert [(line.quantity, line.unit, line.stock_quantity) for line in scaled.lines] == [
        (Decimal("2250"), "g", Decimal("2.25")),
        (Decimal("10"), "oz", Decimal("283.495231")),  # 10 x 28.349523125 g, to 6 places
    ]


def test_scale_to_a_target_yield_in_another_unit(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")], yield_quantity="1200", yield_unit="g")
    scaled = scale_version(version=recipe.current_version, target_quantity="2", target_unit="kg")
    assert scaled.factor == Decimal("1.666666666666666666666666666666666666667")
    assert scaled.yield_quantity == Decimal("2000")
    assert scaled.lines[0].stock_quantity == Decimal("1500")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"factor": "0"}, "The scale must be more than zero; 0 was given."),
        ({"factor": "-2"}, "The scale must be more than zero; -2 was given."),
        (
            {"factor": "5000"},
            "That is 5,000 times the recipe; a batch can be scaled between 0.001 and 1,000 times.",
        ),
        (
            {"factor": "1000.001"},
            "That is 1,000.001 times the recipe; a batch can be scaled between 0.001 and 1,000 "
            "times.",
        ),
        (
            {"factor": "0.0009"},
            "That is 0.0009 times the recipe; a batch can be scaled between 0.001 and 1,000 times.",
        ),
        (
            {"factor": "0.0000001"},
            "The scale must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            {"factor": "1e-40"},
            "The scale must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            {"target_quantity": "1", "target_unit": "g"},
            "That is 0.000833 times the recipe; a batch can be scaled between 0.001 and 1,000 "
            "times.",
        ),
        (
            {"target_quantity": "1300", "target_unit": "kg"},
            "That is 1,083.333 times the recipe; a batch can be scaled between 0.001 and 1,000 "
            "times.",
        ),
        (
            {"target_quantity": "0.0000001", "target_unit": "kg"},
            "The target yield must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            {"target_quantity": "0", "target_unit": "g"},
            "The target yield must be more than zero; 0 was given.",
        ),
    ],
)
def test_bad_scale_is_refused(acme, kwargs, message):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")], yield_quantity="1200", yield_unit="g")
    with pytest.raises(InvalidScale) as caught:
        scale_version(version=recipe.current_version, **kwargs)
    assert caught.value.message == message


def test_target_in_an_unconvertible_unit_is_refused(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "900", "g")], yield_quantity="1200", yield_unit="g")
    with pytest.raises(InvalidScale, match="kept in g"):
        scale_version(version=recipe.current_version, target_quantity="3", target_unit="each")


def test_fifo_and_average_estimates(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    stock(oil, "500", "0.01", days_ago=3)  # oldest: 500 g at 1 cent
    stock(oil, "1000", "0.02", days_ago=1)
    stock(lye, "200", "0.05")
    recipe = make_recipe("Castile soap", [(oil, "900", "g"), (lye, "100", "g")])
    estimate = estimate_cost(version=recipe.current_version)
    oil_cost, lye_cost = estimate.lines
    assert oil_cost.fifo_cost == Decimal("13.00")  # 500 x 0.01 + 400 x 0.02
    assert lye_cost.fifo_cost == Decimal("5.00")
    assert estimate.fifo_total == Decimal("18.00")
    assert estimate.fifo_complete
    assert estimate.fifo_per_unit == Decimal("1.8")  # per each of 10
    # average of oil on hand: (5 + 20) / 1500 per g
    assert oil_cost.average_cost.quantize(Decimal("0.0001")) == Decimal("15.0000")
    assert estimate.average_complete


def test_lines_without_cost_are_reported_not_counted_as_zero(acme):
    oil = make_item("Olive oil")
    water = make_item("Tap water", "ml", is_tracked=False)
    lye = make_item("Lye")
    stock(oil, "100", "0.02")
    stock(lye, "50", "1", expires_at=ahead(1), received_at=ago(2))
    recipe = make_recipe(
        "Castile soap", [(oil, "300", "g"), (water, "300", "ml"), (lye, "10", "g")]
    )
    estimate = estimate_cost(version=recipe.current_version)
    oil_cost, water_cost, lye_cost = estimate.lines
    assert oil_cost.fifo_cost == Decimal("2.00")
    assert oil_cost.short_by == Decimal("200")
    assert not oil_cost.fifo_complete
    assert water_cost.fifo_cost is None
    assert water_cost.note == "Not stock-tracked and no cost set."
    assert lye_cost.fifo_cost == Decimal("10")
    assert not estimate.fifo_complete
    assert estimate.fifo_total == Decimal("12.00")


def test_expired_and_curing_lots_are_not_costed_by_fifo(acme):
    oil = make_item("Olive oil")
    stock(oil, "100", "5", received_at=ago(10), expires_at=ago(1))
    stock(oil, "100", "7", hold_until=ahead(5))
    stock(oil, "100", "0.5")
    recipe = make_recipe("Castile soap", [(oil, "100", "g")])
    line = estimate_cost(version=recipe.current_version).lines[0]
    assert line.fifo_cost == Decimal("50.0")
    assert line.fifo_complete
