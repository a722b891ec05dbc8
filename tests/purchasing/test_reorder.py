"""Reorder help: what to buy to get back to each item's threshold after planned batches, grouped by
the usual supplier, in the unit it is bought in."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from batches.services import plan_batch
from inventory.services import create_custom_unit, update_item
from purchasing.reorder import in_purchase_unit, quantity_to_order
from purchasing.selectors import shopping_list
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock
from tests.reports.conftest import on_tier


@pytest.mark.parametrize(
    ("threshold", "free", "planned", "to_order"),
    [
        ("500", "200", "0", "300"),
        ("500", "800", "0", "0"),
        ("500", "800", "400", "100"),
        ("0", "100", "250", "150"),
        ("0", "0", "0", "0"),
    ],
)
def test_quantity_to_order(threshold, free, planned, to_order):
    assert quantity_to_order(threshold=D(threshold), free=D(free), planned=D(planned)) == D(
        to_order
    )


def test_purchase_units_round_up_to_whole_units():
    assert in_purchase_unit(
        D("1234"), stock_unit="g", purchase_unit="kg", density=None, custom_units=[]
    ) == (D("2"), "kg")
    assert in_purchase_unit(
        D("1234"), stock_unit="g", purchase_unit="", density=None, custom_units=[]
    ) == (D("1234"), "g")
    # A purchase unit that no longer converts falls back to the stock unit, exact.
    assert in_purchase_unit(
        D("1234"), stock_unit="g", purchase_unit="l", density=None, custom_units=[]
    ) == (D("1234"), "g")


@pytest.fixture
def shop(acme, oleo):
    create_custom_unit(name="jug", quantity="4", unit="l")
    oil = make_item("Olive oil", low_stock_threshold=D("5000"), density_g_per_ml=D("0.9"))
    update_item(item=oil, usual_supplier_id=oleo.pk, purchase_unit="jug")
    stock(oil, "2000", "0.01")
    lye = make_item("Lye", low_stock_threshold=D("1000"))
    stock(lye, "1500", "0.004")
    wax = make_item("Beeswax", low_stock_threshold=D("100"))
    stock(wax, "5000", "0.02")
    recipe = make_recipe("Soap", [(oil, "1000", "g"), (lye, "800", "g")])
    plan_batch(version=recipe.current_version)
    return oil, lye, wax


def test_shopping_list_groups_by_supplier_with_planned_needs(shop, oleo):
    oil, lye, _wax = shop
    groups = shopping_list()
    assert [(g.supplier, [line.item.name for line in g.lines]) for g in groups] == [
        (oleo, ["Olive oil"]),
        (None, ["Lye"]),
    ]
    oil_line, lye_line = groups[0].lines[0], groups[1].lines[0]
    # Olive oil: 5000 threshold + 1000 planned - 2000 free = 4000 g = 4.444 l: 2 jugs of 4 l.
    assert (oil_line.to_order, oil_line.buy, oil_line.buy_unit) == (D("4000"), D("2"), "jug")
    # Lye is above its threshold but the planned batch takes it under: 1000 + 800 - 1500.
    assert (lye_line.planned, lye_line.to_order, lye_line.buy_unit) == (D("800"), D("300"), "g")


def test_shopping_list_page_and_csv(shop, org_a):
    viewer = workspace_client(make_member(org_a, "viewer"), org_a)
    text = page_text(viewer.get("/purchasing/reorder/"))
    assert "Oleo Co." in text and "2 jug" in text and "No usual supplier" in text
    # Viewers can't download exports; owners can on a plan with exports.
    assert viewer.get("/purchasing/reorder/shopping-list.csv").status_code == 403
    on_tier(org_a, "maker")
    owner = workspace_client(make_member(org_a, "owner"), org_a)
    response = owner.get("/purchasing/reorder/shopping-list.csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Supplier,Item,Buy,Buy unit,Needed (stock unit)")
    assert lines[1:] == [
        "Oleo Co.,Olive oil,2,jug,4000,g,2000,5000,1000",
        ",Lye,300,g,300,g,1500,1000,800",
    ]
