"""Unit conversion: pure functions, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory import units
from inventory.errors import IncompatibleUnits, InvalidAmount, MissingDensity, UnknownUnit
from inventory.units import CustomUnitDef, convert

D = Decimal
SCOOP = CustomUnitDef(name="scoop", quantity=D("2"), unit="tbsp")
BAR = CustomUnitDef(name="bar", quantity=D("113"), unit="g", kind="count")
CUSTOM = [SCOOP, BAR]


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        ("1", "kg", "g", "1000"),
        ("1", "g", "mg", "1000"),
        ("250", "mg", "g", "0.25"),
        ("1", "oz", "g", "28.349523125"),
        ("1", "lb", "g", "453.59237"),
        ("1", "lb", "oz", "16"),
        ("2.2", "lb", "kg", "0.997903214"),
        ("1", "l", "ml", "1000"),
        ("1", "tsp", "ml", "4.92892159375"),
        ("1", "tbsp", "tsp", "3"),
        ("1", "fl oz", "tbsp", "2"),
        ("1", "cup", "fl oz", "8"),
        ("1", "pt", "cup", "2"),
        ("1", "qt", "pt", "2"),
        ("1", "gal", "qt", "4"),
        ("1", "gal", "ml", "3785.411784"),
        ("12", "each", "each", "12"),
        ("0", "kg", "g", "0"),
    ],
)
def test_standard_conversions_are_exact(amount, source, target, expected):
    assert convert(amount, source, target) == D(expected)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("G", "g"),
        ("grams", "g"),
        ("Gram", "g"),
        ("KG", "kg"),
        ("kilos", "kg"),
        ("mg", "mg"),
        ("ounces", "oz"),
        ("LBS", "lb"),
        ("pounds", "lb"),
        ("mL", "ml"),
        ("millilitres", "ml"),
        ("L", "l"),
        ("litres", "l"),
        ("Tsp", "tsp"),
        ("teaspoons", "tsp"),
        ("tbsp.", "tbsp"),
        ("Tablespoons", "tbsp"),
        ("fl oz", "fl oz"),
        ("fl_oz", "fl oz"),
        ("floz", "fl oz"),
        ("fl. oz.", "fl oz"),
        ("Fluid Ounces", "fl oz"),
        ("cups", "cup"),
        ("pints", "pt"),
        ("quarts", "qt"),
        ("gallons", "gal"),
        ("each", "each"),
        ("ea", "each"),
        ("pcs", "each"),
        ("Pieces", "each"),
        ("count", "each"),
        ("  grams  ", "g"),
    ],
)
def test_unit_aliases(name, code):
    assert units.canonical_unit_code(name) == code


def test_density_turns_volume_into_weight_and_back():
    assert convert("100", "ml", "g", density=D("0.91")) == D("91")
    assert convert("91", "g", "ml", density=D("0.91")) == D("100")
    assert convert("1", "cup", "g", density=D("0.91")) == D("215.295295215")


def test_volume_to_weight_without_density_is_missing_density():
    with pytest.raises(MissingDensity) as caught:
        convert("100", "ml", "g", item_name="Olive oil")
    assert caught.value.code == "MISSING_DENSITY"
    assert caught.value.field == "density_g_per_ml"
    assert str(caught.value) == (
        "Olive oil has no density, so ml can't be turned into g. "
        "Add its density (g/ml) on the item page."
    )


@pytest.mark.parametrize(("source", "target"), [("g", "each"), ("each", "ml"), ("tsp", "each")])
def test_count_and_measure_do_not_mix(source, target):
    with pytest.raises(IncompatibleUnits) as caught:
        convert("1", source, target, density=D("1"), item_name="Jar")
    assert caught.value.code == "INCOMPATIBLE_UNITS"
    assert "Jar is kept in" in str(caught.value)


@pytest.mark.parametrize("name", ["blorp", "", "gr@ms", "kilometre"])
def test_unknown_units(name):
    with pytest.raises(UnknownUnit) as caught:
        convert("1", name, "g")
    assert caught.value.code == "UNKNOWN_UNIT"
    assert "custom unit" in str(caught.value)


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        ("1", "scoop", "tbsp", "2"),
        ("3", "scoops", "tsp", "18"),
        ("1", "Scoop", "ml", "29.5735295625"),
        ("2", "bar", "g", "226"),
        ("3", "bars", "each", "3"),
        ("4", "each", "bar", "4"),
        ("339", "g", "bar", "3"),
        ("1", "bar", "kg", "0.113"),
    ],
)
def test_custom_units(amount, source, target, expected):
    assert convert(amount, source, target, custom_units=CUSTOM) == D(expected)


def test_custom_units_meet_other_kinds_only_through_density():
    assert convert("1", "scoop", "g", density=D("0.5"), custom_units=CUSTOM) == D("14.78676478125")
    with pytest.raises(MissingDensity):
        convert("1", "scoop", "g", custom_units=CUSTOM)
    with pytest.raises(MissingDensity):
        convert("1", "bar", "ml", custom_units=CUSTOM)


def test_custom_unit_unknown_without_its_definitions():
    with pytest.raises(UnknownUnit):
        convert("1", "scoop", "tbsp")


def test_a_volume_unit_cannot_be_defined_in_grams():
    with pytest.raises(IncompatibleUnits):
        units.custom_unit(CustomUnitDef(name="ladle", quantity=D("30"), unit="g", kind="volume"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Enter the quantity as a number, for example 250 or 12.5."),
        ("", "Enter the quantity as a number, for example 250 or 12.5."),
        ("NaN", "Enter the quantity as a number, for example 250 or 12.5."),
        ("Infinity", "Enter the quantity as a number, for example 250 or 12.5."),
        ("-5", "The quantity must be zero or more; -5 was given."),
        (
            "1e15",
            "1,000,000,000,000,000 is too large for a quantity; one entry can be at most 1,000,000,000,000. Check the number and its unit.",
        ),
    ],
)
def test_invalid_amounts(value, message):
    with pytest.raises(InvalidAmount) as caught:
        convert(value, "g", "g")
    assert caught.value.code == "INVALID_AMOUNT"
    assert str(caught.value) == message


def test_zero_is_refused_where_a_positive_amount_is_needed():
    with pytest.raises(InvalidAmount) as caught:
        units.parse_amount("0")
    assert str(caught.value) == "The quantity must be more than zero; 0 was given."


@pytest.mark.parametrize("value", ["0.0000001", "0.00000049", "1e-40", D("1E-999")])
def test_an_amount_that_rounds_to_zero_when_stored_is_refused_like_zero(value):
    with pytest.raises(InvalidAmount) as caught:
        units.parse_amount(value)
    assert caught.value.field == "quantity"
    assert str(caught.value) == (
        "The quantity must be more than zero at the precision we keep: 0.000001."
    )


def test_where_zero_is_allowed_a_positive_amount_that_rounds_to_zero_is_still_refused():
    with pytest.raises(InvalidAmount) as caught:
        units.parse_amount("0.0000001", allow_zero=True, label="cost", field="unit_cost")
    assert caught.value.field == "unit_cost"
    assert str(caught.value) == (
        "The cost must be 0, or more than zero at the precision we keep: 0.000001."
    )
    assert units.parse_amount("0", allow_zero=True) == D("0")


@pytest.mark.parametrize(
    ("value", "kept"),
    [("0.0000005", D("0.0000005")), ("0.000001", D("0.000001")), ("0.0000015", D("0.0000015"))],
)
def test_the_smallest_amounts_that_round_up_to_one_millionth_are_kept(value, kept):
    assert units.parse_amount(value) == kept
    assert units.to_storage(units.parse_amount(value)) > 0


def test_the_precision_is_the_one_of_the_column_that_keeps_the_amount():
    with pytest.raises(InvalidAmount) as caught:
        units.parse_amount("0.004", label="price", places=units.CENT)
    assert str(caught.value) == "The price must be more than zero at the precision we keep: 0.01."
    assert units.parse_amount("0.005", label="price", places=units.CENT) == D("0.005")


def test_converting_keeps_exact_tiny_intermediate_values():
    # A conversion's input is never stored as given, so no storage precision applies to it.
    assert convert("0.0000001", "kg", "g") == D("0.0001")


def test_floats_are_a_programming_error():
    with pytest.raises(TypeError):
        units.parse_amount(0.1)


def test_conversion_is_exact_until_storage():
    grams = convert("1", "oz", "g")
    back = convert(grams, "g", "oz")
    assert back == D("1")
    assert units.to_storage(convert("1", "g", "oz")) == D("0.035274")
    assert units.money(D("200.005")) == D("200.01")
