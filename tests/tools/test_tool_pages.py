"""The calculators' pages: plain forms that post back, results in g and oz, clear refusals."""

from __future__ import annotations

import pytest

from library.models import LibraryItem
from tests.conftest import public_client
from tests.publicsite.helpers import text_of

pytestmark = pytest.mark.usefixtures("soap_library")


def olive_pk() -> int:
    return LibraryItem.objects.get(name="Olive oil").pk


def soap_form(**overrides):
    data = {
        "recipe_name": "Castile",
        "unit": "g",
        "superfat_pct": "5",
        "lye_type": "naoh",
        "naoh_purity_pct": "100",
        "koh_purity_pct": "90",
        "koh_share_pct": "20",
        "water_mode": "percent",
        "water_value": "38",
        "citric_acid_g": "0",
        "oil_1": str(olive_pk()),
        "weight_1": "1000",
    }
    data.update(overrides)
    return data


def test_the_library_oils_carry_sap_values(db):
    olive = LibraryItem.objects.get(name="Olive oil")
    assert (str(olive.sap_naoh), str(olive.sap_koh), olive.iodine_value, olive.ins_value) == (
        "0.1350",
        "0.1900",
        85,
        105,
    )
    assert olive.fatty_acids["oleic"] == 72
    assert LibraryItem.objects.filter(category__in=["oil", "butter"], sap_naoh=None).count() == 1


def test_soap_page_lists_only_oils_with_sap_values(db):
    html = public_client().get("/tools/soap/").content.decode()
    assert "Olive oil" in html
    assert "Fractionated coconut oil" not in html
    assert "Beeswax" not in html


def test_soap_calculation_in_grams_and_ounces(db):
    response = public_client().post("/tools/soap/", soap_form())
    assert response.status_code == 200
    text = text_of(response)
    assert "Sodium hydroxide (NaOH) 128.3 4.53 oz" in text
    assert "Water 380.0 13.40 oz" in text
    assert "Hardness 15 outside 29-54" in text
    assert 'name="draft"' in response.content.decode()


def test_soap_weights_in_ounces(db):
    response = public_client().post("/tools/soap/", soap_form(unit="oz", weight_1="16"))
    # 16 oz = 453.59 g; x 0.135 x 0.95 = 58.17 g
    assert "Sodium hydroxide (NaOH) 58.2" in text_of(response)


def test_soap_refusals_are_listed_not_a_500(db):
    response = public_client().post("/tools/soap/", soap_form(superfat_pct="30", weight_1=""))
    assert response.status_code == 400
    text = text_of(response)
    assert "Choose oil 1 and give its weight, or clear both." in text
    response = public_client().post("/tools/soap/", soap_form(superfat_pct="30"))
    assert response.status_code == 400
    assert "The superfat must be between 0% and 20%." in text_of(response)
    assert 'name="draft"' not in response.content.decode()


def test_candle_page(db):
    data = {
        "recipe_name": "Jar candle",
        "wax": "",
        "vessels": "12",
        "capacity_ml": "200",
        "fill_pct": "90",
        "fragrance_pct": "8",
        "wax_density": "0.86",
        "diameter_cm": "",
    }
    response = public_client().post("/tools/candle/", data)
    assert response.status_code == 200
    assert "Wax 143.3 1720.0 60.67 oz" in text_of(response)
    assert "Pick the wick by the vessel's width" in text_of(response)
    response = public_client().post("/tools/candle/", {**data, "fragrance_pct": "40"})
    assert response.status_code == 400
    assert "The fragrance load must be between 0% and 25%." in text_of(response)


def lotion_form(**overrides):
    data = {"recipe_name": "Body lotion", "batch_g": "500"}
    rows = [
        ("Distilled water", "water", "75"),
        ("Sweet almond oil", "oil", "24"),
        ("P", "preservative", "1"),
    ]
    for n, (name, phase, pct) in enumerate(rows, 1):
        data.update({f"name_{n}": name, f"phase_{n}": phase, f"percent_{n}": pct})
    data.update(overrides)
    return data


def test_lotion_page(db):
    assert "Distilled water" in public_client().get("/tools/lotion/").content.decode()
    response = public_client().post("/tools/lotion/", lotion_form())
    assert response.status_code == 200
    assert "Distilled water Water phase 75 375.0 13.23 oz" in text_of(response)
    response = public_client().post("/tools/lotion/", lotion_form(percent_1="70"))
    assert response.status_code == 400
    assert "The percentages add up to 95%" in text_of(response)


def test_the_calculators_are_rate_limited(db, settings):
    from batchtrack import ratelimits

    settings.DEBUG = False
    original = ratelimits.LIMITS["tools"]
    ratelimits.LIMITS["tools"] = ratelimits.Limit(
        "using the free calculators", (ratelimits.Rule("2/h", "ip"),)
    )
    try:
        client = public_client()
        bad = {"vessels": "0"}
        assert client.post("/tools/candle/", bad).status_code == 400
        assert client.post("/tools/candle/", bad).status_code == 400
        assert client.post("/tools/candle/", bad).status_code == 429
        assert client.get("/tools/candle/").status_code == 200  # reading the page is never limited
    finally:
        ratelimits.LIMITS["tools"] = original
