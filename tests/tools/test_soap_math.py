"""The soap calculator's math against worked examples.

SAP values and fatty-acid profiles are SoapCalc's published oil list (soapcalc.net), the same ones
the library's migration 0004 seeds: olive oil SAP 0.135 g NaOH / 0.190 g KOH per g, iodine 85, INS 105,
palmitic 11, stearic 4, oleic 72, linoleic 10, linolenic 1 %; coconut oil (76 °F) 0.183 / 0.257,
iodine 10, INS 258, lauric 48, myristic 19, palmitic 9, stearic 3, oleic 8, linoleic 2 %.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tools.errors import ToolInputError
from tools.soap import Oil, SoapInput, calculate, ounces

OLIVE = {
    "sap_naoh": D("0.135"),
    "sap_koh": D("0.190"),
    "iodine": 85,
    "ins": 105,
    "fatty_acids": {"palmitic": 11, "stearic": 4, "oleic": 72, "linoleic": 10, "linolenic": 1},
}
COCONUT = {
    "sap_naoh": D("0.183"),
    "sap_koh": D("0.257"),
    "iodine": 10,
    "ins": 258,
    "fatty_acids": {
        "lauric": 48,
        "myristic": 19,
        "palmitic": 9,
        "stearic": 3,
        "oleic": 8,
        "linoleic": 2,
    },
}


def olive(grams="1000") -> Oil:
    return Oil(name="Olive oil", grams=D(grams), **OLIVE)


def test_olive_oil_at_5_percent_superfat_needs_128_3_g_naoh():
    # 1,000 g x 0.135 x (1 - 0.05) = 128.25 g, the published example.
    result = calculate(SoapInput(oils=[olive()], superfat_pct=D(5)))
    assert result.naoh_g == D("128.3")
    assert result.koh_g == D("0.0")
    assert ounces(result.naoh_g) == D("4.53")


def test_koh_purity_weighs_the_lye_heavier():
    # 1,000 g x 0.190 x 0.95 / 0.90 = 200.56 g of 90 % KOH.
    result = calculate(SoapInput(oils=[olive()], lye_type="koh", koh_purity_pct=D(90)))
    assert (result.naoh_g, result.koh_g) == (D("0.0"), D("200.6"))


def test_naoh_purity_below_100():
    # 128.25 / 0.97 = 132.22 g
    result = calculate(SoapInput(oils=[olive()], naoh_purity_pct=D(97)))
    assert result.naoh_g == D("132.2")


def test_dual_lye_splits_by_the_koh_share():
    # NaOH: 1,000 x 0.135 x 0.95 x 0.8 = 102.6; KOH: 1,000 x 0.190 x 0.95 x 0.2 / 0.9 = 40.11
    result = calculate(SoapInput(oils=[olive()], lye_type="dual", koh_share_pct=D(20)))
    assert (result.naoh_g, result.koh_g) == (D("102.6"), D("40.1"))


@pytest.mark.parametrize(
    "mode, value, water, concentration",
    [
        ("percent", D(38), D("380.0"), D("25.2")),  # 38 % of 1,000 g oils
        ("concentration", D(33), D("260.4"), D("33.0")),  # 128.25 x 67 / 33
        ("ratio", D(2), D("256.5"), D("33.3")),  # 128.25 x 2
    ],
)
def test_each_water_mode(mode, value, water, concentration):
    result = calculate(SoapInput(oils=[olive()], water_mode=mode, water_value=value))
    assert result.water_g == water
    assert result.lye_concentration_pct == concentration
    assert result.naoh_g == D("128.3")  # the lye never depends on the water


def test_citric_acid_adds_its_extra_lye():
    # 10 g citric acid x 0.6246 = 6.25 g NaOH more: 128.25 + 6.246 = 134.50 g
    result = calculate(SoapInput(oils=[olive()], citric_acid_g=D(10)))
    assert result.naoh_g == D("134.5")
    assert result.citric_naoh_g == D("6.2")


def test_citric_acid_with_koh():
    # (180.5 + 10 x 0.8762) / 0.9 = 210.29 g
    result = calculate(SoapInput(oils=[olive()], lye_type="koh", citric_acid_g=D(10)))
    assert result.koh_g == D("210.3")


def test_quality_numbers_of_a_70_30_olive_coconut_bar():
    oils = [olive("700"), Oil(name="Coconut oil", grams=D(300), **COCONUT)]
    result = calculate(SoapInput(oils=oils))
    # (700 x 0.135 + 300 x 0.183) x 0.95 = 141.93 g
    assert result.naoh_g == D("141.9")
    assert {q.name: q.value for q in result.qualities} == {
        "hardness": 34,
        "cleansing": 20,
        "conditioning": 61,
        "bubbly": 20,
        "creamy": 14,
        "iodine": 63,
        "INS": 151,
    }
    assert [q.name for q in result.qualities if not q.in_range] == ["creamy"]


def test_no_quality_numbers_when_an_oil_has_no_profile():
    mystery = Oil(name="Mystery oil", grams=D(100), sap_naoh=D("0.14"), sap_koh=D("0.2"))
    result = calculate(SoapInput(oils=[olive(), mystery]))
    assert result.qualities == ()
    assert result.no_profile == ("Mystery oil",)


def test_every_problem_is_named_at_once():
    bad = Oil(name="Jojoba", grams=D(0), sap_naoh=None, sap_koh=None)
    with pytest.raises(ToolInputError) as caught:
        calculate(
            SoapInput(
                oils=[bad],
                superfat_pct=D(25),
                naoh_purity_pct=D(50),
                water_mode="concentration",
                water_value=D(60),
                citric_acid_g=D(-1),
            )
        )
    assert caught.value.problems == [
        "Give Jojoba a weight above 0.",
        "We have no SAP value for Jojoba, so it can't be used here.",
        "The superfat must be between 0% and 20%.",
        "The NaOH purity must be between 80% and 100%.",
        "Lye concentration (%) must be between 20 and 50.",
        "Citric acid can't be below 0 g.",
    ]


def test_no_oils_and_unknown_choices():
    with pytest.raises(ToolInputError) as caught:
        calculate(SoapInput(oils=[], lye_type="soda", water_mode="guess"))
    assert caught.value.problems == [
        "Add at least one oil with its weight.",
        "Choose NaOH, KOH or both as the lye.",
        "Choose how to set the water.",
    ]


def test_dual_lye_share_is_checked():
    with pytest.raises(ToolInputError, match="The KOH share must be between 1% and 99%."):
        calculate(SoapInput(oils=[olive()], lye_type="dual", koh_share_pct=D(0)))
