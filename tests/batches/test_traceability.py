"""Traceability both ways, through an intermediate: supplier lot -> soap base -> bars -> sales."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.services import OutputInput, cancel_batch, finish_batch, plan_batch, start_batch
from batches.traceability import trace_back, trace_forward
from inventory.models import Item
from products.services import create_product, create_sku, deduct
from sales.services import record_sale
from tests.recipes.factories import make_item, make_recipe, stock


@pytest.fixture
def chain(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    base = make_item("Soap base", kind=Item.Kind.INTERMEDIATE)
    sku = create_sku(product=create_product(name="Bar soap"), price="8")
    oil_a = stock(oil, "1000", "0.01", supplier="Oleo", supplier_lot_code="OL-A", days_ago=2)
    oil_b = stock(oil, "1000", "0.01", supplier="Oleo", supplier_lot_code="OL-B", days_ago=1)
    lye_lot = stock(lye, "500", "0.01", supplier="ChemCo", supplier_lot_code="NAOH-1")
    base_recipe = make_recipe(
        "Soap base", [(oil, "800", "g"), (lye, "100", "g")], yield_quantity="900", yield_unit="g"
    )
    bar_recipe = make_recipe("Bars", [(base, "900", "g")], yield_quantity="8", yield_unit="each")
    base_batch = start_batch(batch=plan_batch(version=base_recipe.current_version))
    finish_batch(batch=base_batch, actual_yield="900", outputs=[OutputInput(base.pk, "900")])
    bar_batch = start_batch(batch=plan_batch(version=bar_recipe.current_version))
    finish_batch(batch=bar_batch, actual_yield="8", outputs=[OutputInput(sku.item_id, "8")])
    record_sale(sku=sku, quantity="3")
    deduct(sku=sku, kind="tester", quantity="1")
    return {
        "oil_a": oil_a,
        "oil_b": oil_b,
        "lye_lot": lye_lot,
        "base_batch": base_batch,
        "bar_batch": bar_batch,
        "sku": sku,
    }


def test_product_lot_traces_back_to_every_supplier_lot(chain):
    bar_lot = chain["bar_batch"].outputs.get().lot
    trace = trace_back(bar_lot)
    assert trace.made_by.batch == chain["bar_batch"]
    (base_input,) = trace.made_by.inputs
    assert base_input.quantity == Decimal("900")
    assert base_input.made_by.batch == chain["base_batch"]
    suppliers = [
        (i.lot.supplier, i.lot.supplier_lot_code, i.quantity) for i in base_input.made_by.inputs
    ]
    assert suppliers == [("Oleo", "OL-A", Decimal("800")), ("ChemCo", "NAOH-1", Decimal("100"))]


def test_purchased_lot_has_no_batch_behind_it(chain):
    assert trace_back(chain["oil_a"]).made_by is None


def test_supplier_lot_traces_forward_to_product_lots_and_what_remains(chain):
    trace = trace_forward(chain["oil_a"])
    assert [(u.batch, u.depth) for u in trace.uses] == [
        (chain["base_batch"], 0),
        (chain["bar_batch"], 1),
    ]
    (product,) = trace.product_lots
    assert product.batch == chain["bar_batch"]
    assert (product.remaining, product.sold, product.other_out) == (
        Decimal("4"),
        Decimal("3"),
        Decimal("1"),
    )
    assert trace.remaining_units == Decimal("4")


def test_unused_lot_affects_nothing(chain):
    trace = trace_forward(chain["oil_b"])
    assert trace.uses == [] and trace.made == []


def test_cancelled_batches_show_as_uses_but_make_nothing(acme):
    oil = make_item("Olive oil")
    lot = stock(oil, "1000", "0.01")
    recipe = make_recipe("Soap", [(oil, "100", "g")])
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    cancel_batch(batch=batch)
    trace = trace_forward(lot)
    assert [u.batch.status for u in trace.uses] == ["cancelled"]
    assert trace.made == []
