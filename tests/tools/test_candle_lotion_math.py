from __future__ import annotations

from decimal import Decimal as D

import pytest

from tools import candle, lotion
from tools.errors import ToolInputError


def test_candle_wax_and_fragrance_for_twelve_vessels():
    # 200 ml x 90 % x 0.86 g/ml = 154.8 g per vessel; wax = 154.8 / 1.08 = 143.33, fragrance 11.47
    result = candle.calculate(candle.CandleInput(vessels=12, capacity_ml=D(200)))
    assert result.wax_per_vessel_g == D("143.3")
    assert result.fragrance_per_vessel_g == D("11.5")
    assert result.wax_g == D("1720.0")
    assert result.fragrance_g == D("137.6")
    assert result.total_g == D("1857.6")
    assert "Burn-test" in result.notes[-1]


def test_candle_warns_above_the_usual_load_and_names_the_width():
    data = candle.CandleInput(
        vessels=1, capacity_ml=D(200), fragrance_pct=D(12), diameter_cm=D("7.5")
    )
    result = candle.calculate(data)
    assert result.notes[0].startswith("12% is above what most container waxes hold")
    assert "For a 7.5 cm wide vessel" in result.notes[1]


def test_candle_refuses_bad_input():
    with pytest.raises(ToolInputError) as caught:
        candle.calculate(
            candle.CandleInput(
                vessels=0, capacity_ml=D(0), fill_pct=D(5), fragrance_pct=D(30), wax_density=D(2)
            )
        )
    assert len(caught.value.problems) == 5


def cream(*rows):
    return [lotion.Ingredient(name, phase, D(pct)) for name, phase, pct in rows]


def test_lotion_percent_to_grams_by_phase():
    rows = cream(
        ("Distilled water", "water", "70"),
        ("Sweet almond oil", "oil", "20"),
        ("Emulsifying wax NF", "oil", "6"),
        ("Glycerin", "cool_down", "3"),
        ("Preservative", "preservative", "1"),
    )
    result = lotion.calculate(batch_g=D(250), ingredients=rows)
    assert [line.grams for line in result.lines] == [
        D("175.0"),
        D("50.0"),
        D("15.0"),
        D("7.5"),
        D("2.5"),
    ]
    assert result.phase_totals[1] == ("Oil phase", D(26), D("65.0"))
    assert result.notes == ()


def test_lotion_with_water_and_no_preservative_is_flagged():
    rows = cream(("Distilled water", "water", "80"), ("Olive oil", "oil", "20"))
    result = lotion.calculate(batch_g=D(100), ingredients=rows)
    assert "no preservative" in result.notes[0]


def test_lotion_preservative_outside_the_usual_range_is_flagged():
    rows = cream(("Water", "water", "79.8"), ("Oil", "oil", "20"), ("P", "preservative", "0.2"))
    result = lotion.calculate(batch_g=D(100), ingredients=rows)
    assert result.notes[0].startswith("0.2% preservative is outside the usual 0.5-1.5%")


def test_lotion_refuses_percentages_not_adding_to_100_and_too_much_preservative():
    rows = cream(("Water", "water", "90"), ("P", "preservative", "3"), ("X", "nope", "0"))
    with pytest.raises(ToolInputError) as caught:
        lotion.calculate(batch_g=D(0), ingredients=rows)
    assert caught.value.problems == [
        "The batch size must be between 1 g and 100,000 g.",
        "Choose a phase for X.",
        "X: the percentage must be above 0 and at most 100.",
        "The percentages add up to 93%; they must add up to exactly 100%.",
        "3% preservative is more than any common preservative needs (at most 2%): check its "
        "maker's usage rate.",
    ]


def test_lotion_without_ingredients():
    with pytest.raises(ToolInputError, match="Add at least one ingredient"):
        lotion.calculate(batch_g=D(100), ingredients=[])
