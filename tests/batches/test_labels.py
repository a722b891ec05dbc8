"""Label ingredient lists and the IFRA check as pure functions, on a worked example."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.labels import FragranceLoad, LabelIngredient, ifra_warnings, label_list

D = Decimal


def _lotion():
    """A 1000 g leave-on lotion: 700 g water, 200 g sweet almond oil, 50 g emulsifier, 40 g shea
    butter, 8 g preservative and 2 g lavender oil (30 % linalool, 0.5 % limonene, 0.4 % geraniol,
    0.1 % coumarin). Linalool is 0.6 g = 0.06 %; limonene 0.01 g = 0.001 %; geraniol 0.008 g =
    0.0008 %; coumarin 0.002 g = 0.0002 %."""
    lavender = {
        "Linalool": D("30"),
        "Limonene": D("0.5"),
        "Geraniol": D("0.4"),
        "Coumarin": D("0.1"),
    }
    return [
        LabelIngredient("Prunus Amygdalus Dulcis Oil", D("200")),
        LabelIngredient("Aqua", D("700")),
        LabelIngredient("Butyrospermum Parkii Butter", D("40")),
        LabelIngredient("Lavandula Angustifolia Oil", D("2"), lavender),
        LabelIngredient("Cetearyl Alcohol", D("50")),
        LabelIngredient("Phenoxyethanol", D("8")),
    ]


def test_ingredients_heaviest_first_and_under_one_percent_after():
    found = label_list(_lotion(), rinse_off=False)
    assert found.ingredients == (
        "Aqua",  # 70 %
        "Prunus Amygdalus Dulcis Oil",  # 20 %
        "Cetearyl Alcohol",  # 5 %
        "Butyrospermum Parkii Butter",  # 4 %
        "Phenoxyethanol",  # 0.8 %: under 1 %
        "Lavandula Angustifolia Oil",  # 0.2 %
    )
    assert found.shares["Aqua"] == D("70")


def test_leave_on_declares_allergens_above_0_001_percent():
    found = label_list(_lotion(), rinse_off=False)
    # Linalool 0.06 % is above 0.001 %; limonene at exactly 0.001 % is not above it.
    assert found.allergens == ("Linalool",)
    assert found.allergen_shares["Linalool"] == D("0.06")
    assert found.allergen_shares["Limonene"] == D("0.001")
    assert found.text.endswith("Lavandula Angustifolia Oil, Linalool")


def test_rinse_off_declares_only_above_0_01_percent():
    bar = [LabelIngredient("Sodium Olivate", D("990")), *_lotion()[3:4]]
    bar.append(LabelIngredient("Parfum", D("8"), {"Limonene": D("2"), "Coumarin": D("1")}))
    found = label_list(bar, rinse_off=True)
    # 1000 g: linalool 0.6 g = 0.06 %, limonene 0.01 + 0.16 g = 0.017 %, coumarin 0.082 g =
    # 0.0082 % (under 0.01 %), geraniol 0.0008 %.
    assert found.allergens == ("Linalool", "Limonene")
    assert found.allergen_shares["Coumarin"] == D("0.0082")
    assert found.ingredients == ("Sodium Olivate", "Parfum", "Lavandula Angustifolia Oil")


def test_the_same_inci_name_is_one_entry():
    found = label_list(
        [
            LabelIngredient("Aqua", D("30")),
            LabelIngredient("aqua", D("30")),
            LabelIngredient("Glycerin", D("40")),
        ],
        rinse_off=False,
    )
    assert found.ingredients == ("Aqua", "Glycerin")
    assert found.shares["Aqua"] == D("60")


def test_nothing_to_weigh_is_a_programming_error():
    with pytest.raises(ValueError):
        label_list([LabelIngredient("Aqua", D("0"))], rinse_off=False)


def test_ifra_warns_above_the_makers_maximum():
    warnings = ifra_warnings(
        [
            FragranceLoad("Lavender oil", D("36"), D("3")),
            FragranceLoad("Orange oil", D("10"), D("5")),
            FragranceLoad("Mystery oil", D("10"), None),
        ],
        batch_grams=D("1000"),
        product="soap",
    )
    assert warnings == [
        "Lavender oil would be 3.6 % of this batch, above the 3 % its IFRA certificate allows in "
        "soap. Use less of it, or check the certificate."
    ]
    assert ifra_warnings([FragranceLoad("x", D("1"), D("1"))], batch_grams=D("0"), product="") == []
