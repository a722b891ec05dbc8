"""Products, SKUs (codes, uniqueness, backing items), deductions, returns and margins."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.services import OutputInput, finish_batch, plan_batch, start_batch
from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from inventory.services import consume
from products.errors import DuplicateOption, DuplicateSkuCode, InvalidDeduction, InvalidSku
from products.models import Deduction, Product, Sku
from products.selectors import sku_list
from products.services import (
    add_size,
    add_variant,
    create_product,
    create_sku,
    deduct,
    return_sale,
    update_sku,
)
from sales.errors import InvalidOrder, LinesShort
from sales.services import record_sale
from tests.recipes.factories import make_item, make_recipe, stock


def world():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, Product, Sku, Deduction)
    }


@pytest.fixture
def lavender(acme):
    product = create_product(name="Lavender Soap")
    variant = add_variant(product=product, name="Lavender Oatmeal")
    size = add_size(product=product, name="4 oz bar")
    return product, variant, size


def test_sku_code_comes_from_the_pattern_and_is_backed_by_a_product_item(lavender):
    product, variant, size = lavender
    sku = create_sku(product=product, variant=variant, size=size, price="8.50")
    assert sku.code == "LAVSOA-LAVOAT-4OZBAR"
    assert sku.item.kind == "product"
    assert sku.item.stock_unit == "each"
    assert sku.item.name == "Lavender Soap · Lavender Oatmeal · 4 oz bar (LAVSOA-LAVOAT-4OZBAR)"
    plain = create_sku(product=product, price="6")
    assert plain.code == "LAVSOA"


def test_generated_codes_avoid_collisions_and_codes_are_editable(lavender):
    product, variant, size = lavender
    create_sku(product=product, variant=variant, size=size, price="1", code="LAVSOA-X")
    other = create_product(name="Lavender Soak")  # same product code LAVSOA
    first = create_sku(product=product, price="1")
    second = create_sku(product=other, price="1")
    assert (first.code, second.code) == ("LAVSOA", "LAVSOA-2")
    renamed = update_sku(sku=second, code="soak-1", price="2.25")
    assert (renamed.code, renamed.price) == ("SOAK-1", Decimal("2.25"))
    renamed.item.refresh_from_db()
    assert renamed.item.name == "Lavender Soak (SOAK-1)"


def test_duplicate_sku_code_is_refused_and_nothing_written(lavender):
    product, variant, size = lavender
    create_sku(product=product, variant=variant, price="8.50", code="LAV-1")
    before = world()
    with pytest.raises(DuplicateSkuCode) as caught:
        create_sku(product=product, size=size, price="8.50", code="lav-1")
    assert caught.value.message == (
        "The code LAV-1 is already used by Lavender Soap. Choose another code."
    )
    assert world() == before


def test_duplicate_combination_and_bad_input_are_refused(lavender):
    product, variant, size = lavender
    create_sku(product=product, variant=variant, size=size, price="8.50")
    before = world()
    with pytest.raises(
        DuplicateOption, match="already has a SKU for Lavender Oatmeal and 4 oz bar"
    ):
        create_sku(product=product, variant=variant, size=size, price="8.50", code="OTHER")
    with pytest.raises(InvalidSku, match="whole cents"):
        create_sku(product=product, price="1.005")
    with pytest.raises(InvalidSku, match="zero or more"):
        create_sku(product=product, price="-1")
    with pytest.raises(InvalidSku, match="A product code is 1 to 40"):
        create_sku(product=product, price="1", code="has space")
    assert world() == before


def test_sale_takes_fifo_and_margin_is_price_minus_fifo_cost(lavender):
    product, variant, size = lavender
    sku = create_sku(product=product, variant=variant, price="8.50")
    old = stock(sku.item, "3", "2.00", days_ago=2)
    new = stock(sku.item, "10", "2.50", days_ago=1)
    assert sku_list().get(pk=sku.pk).margin == Decimal("6.50")
    sale = record_sale(sku=sku, quantity="5")
    assert (sale.unit_price, sale.cost, sale.revenue) == (
        Decimal("8.50"),
        Decimal("11.00"),
        Decimal("42.50"),
    )
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.quantity_remaining, new.quantity_remaining) == (0, Decimal("8"))
    assert sku_list().get(pk=sku.pk).margin == Decimal("6.00")
    assert ledger_imbalances() == []


@pytest.mark.parametrize("kind", ["gift", "tester", "damaged"])
def test_other_deductions_take_stock_with_their_own_ledger_kind(lavender, kind):
    product, _, _ = lavender
    sku = create_sku(product=product, price="5")
    stock(sku.item, "4", "1.25")
    deduction = deduct(sku=sku, kind=kind, quantity="2", note="fair")
    assert deduction.cost == Decimal("2.50")
    assert deduction.unit_price is None
    movement = Movement.objects.get(reference_type="sku_deduction", reference_id=deduction.pk)
    assert (movement.kind, movement.quantity) == (kind, Decimal("-2"))
    sku.item.refresh_from_db()
    assert sku.item.on_hand == Decimal("2")


def test_selling_more_than_stock_changes_nothing(lavender):
    product, _, _ = lavender
    sku = create_sku(product=product, price="5")
    stock(sku.item, "1", "1")
    before = world()
    with pytest.raises(LinesShort):
        record_sale(sku=sku, quantity="2")
    with pytest.raises(InvalidOrder, match="more than zero"):
        record_sale(sku=sku, quantity="0")
    with pytest.raises(InvalidDeduction, match="A sale is recorded as an order"):
        deduct(sku=sku, kind="sold", quantity="1")
    with pytest.raises(InvalidDeduction, match="a return against its sale"):
        deduct(sku=sku, kind="returned", quantity="1")
    assert world() == before


def legacy_sale(sku, quantity: str) -> Deduction:
    """A sale as the SKU page recorded it before sales became orders (a sold Deduction and its
    FIFO draw under ("sku_deduction", id)): such history stays returnable."""
    sale = Deduction.objects.create(
        sku=sku, kind="sold", quantity=Decimal(quantity), unit_price=sku.price
    )
    drawn = consume(
        item=sku.item_id, quantity=quantity, kind="sale", reference=("sku_deduction", sale.pk)
    )
    Deduction.objects.filter(pk=sale.pk).update(cost=drawn.total_cost)
    return sale


def test_whole_return_goes_back_to_the_exact_lots(lavender):
    product, _, _ = lavender
    sku = create_sku(product=product, price="5")
    first = stock(sku.item, "2", "1.00", days_ago=2)
    second = stock(sku.item, "5", "3.00", days_ago=1)
    sale = legacy_sale(sku, "4")
    returned = return_sale(sale=sale)
    assert (returned.kind, returned.quantity, returned.cost) == (
        "returned",
        Decimal("4"),
        Decimal("8.00"),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.quantity_remaining, second.quantity_remaining) == (Decimal("2"), Decimal("5"))
    with pytest.raises(InvalidDeduction, match="already been returned"):
        return_sale(sale=sale)
    assert ledger_imbalances() == []


def test_partial_return_goes_back_to_the_lot_it_was_sold_from(lavender):
    product, _, _ = lavender
    sku = create_sku(product=product, price="5")
    sold_from = stock(sku.item, "4", "1.50")
    sale = legacy_sale(sku, "4")
    part = return_sale(sale=sale, quantity="1")
    assert part.cost == Decimal("1.50")
    assert not Lot.objects.filter(item=sku.item, source="return").exists()
    sold_from.refresh_from_db()
    assert sold_from.quantity_remaining == Decimal("1")
    with pytest.raises(InvalidDeduction, match="Only 3 pieces of this sale can still be returned."):
        return_sale(sale=sale, quantity="4")


def test_a_finished_batch_stocks_a_sku_at_its_real_cost(lavender):
    product, variant, _ = lavender
    sku = create_sku(product=product, variant=variant, price="9")
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.012")
    recipe = make_recipe("Lavender soap", [(oil, "1000", "g")])  # 10 bars
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    finish_batch(batch=batch, actual_yield="10", outputs=[OutputInput(sku.item_id, "10")])
    row = sku_list().get(pk=sku.pk)
    assert row.fifo_unit_cost == Decimal("1.2")
    assert row.margin == Decimal("7.80")
