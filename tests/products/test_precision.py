"""Quantities and prices that round to nothing where they are kept are refused like zero: prices in
cents, quantities in millionths; through the services and through the pages, and nothing changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from inventory.models import Item, Lot, Movement, Reservation
from products.errors import InvalidDeduction, InvalidSku
from products.models import Deduction, Product, Sku
from products.services import create_product, create_sku, hold, update_sku
from sales.errors import InvalidOrder
from sales.services import record_sale
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import stock

TINY_QUANTITY = "The quantity must be more than zero at the precision we keep: 0.000001."
TINY_PRICE = "The price must be 0, or more than zero at the precision we keep: 0.01."


def world():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, Product, Sku, Deduction, Reservation)
    }


@pytest.fixture
def bar(acme):
    sku = create_sku(product=create_product(name="Castile bar"), price="8.00")
    stock(sku.item, "10", "2.00")
    return sku


@pytest.mark.parametrize("price", ["0.004", "0.0000001", "1e-40"])
def test_a_price_that_rounds_to_zero_cents_is_refused(bar, price):
    before = world()
    with pytest.raises(InvalidSku) as caught:
        create_sku(product=bar.product, price=price, code="OTHER")
    assert (caught.value.message, caught.value.field) == (TINY_PRICE, "price")
    with pytest.raises(InvalidSku) as caught:
        update_sku(sku=bar, code=bar.code, price=price)
    assert caught.value.message == TINY_PRICE
    assert world() == before


def test_a_free_sku_and_a_price_of_half_a_cent_or_more_are_still_taken_as_before(acme):
    free = create_product(name="Free sample")
    assert create_sku(product=free, price="0").price == Decimal("0.00")
    with pytest.raises(InvalidSku) as caught:
        create_sku(product=create_product(name="Half cent"), price="0.005")
    assert caught.value.message == "Enter the price in whole cents, for example 8.50."


def test_a_sale_price_that_rounds_to_zero_cents_is_refused(bar):
    before = world()
    with pytest.raises(InvalidOrder) as caught:
        record_sale(sku=bar, quantity="1", unit_price="0.0000001")
    assert caught.value.message == f"Row 1 ({bar.code}): {TINY_PRICE}"
    assert world() == before


@pytest.mark.parametrize("quantity", ["0.0000001", "1e-40"])
def test_a_sale_or_hold_quantity_that_rounds_to_zero_is_refused(bar, quantity):
    before = world()
    with pytest.raises(InvalidOrder) as caught:
        record_sale(sku=bar, quantity=quantity)
    assert caught.value.message == f"Row 1 ({bar.code}): {TINY_QUANTITY}"
    with pytest.raises(InvalidDeduction) as caught:
        hold(sku=bar, quantity=quantity, note="Order 1")
    assert caught.value.message == TINY_QUANTITY
    assert world() == before


def test_the_sku_pages_refuse_amounts_that_round_to_zero_and_change_nothing(org_a):
    seller = make_member(org_a, "admin")
    with tenant_context(org_a):
        sku = create_sku(product=create_product(name="Castile bar"), price="8.00")
        stock(sku.item, "10", "2.00")
        before = world()
    client = workspace_client(seller, org_a)
    page = f"/products/skus/{sku.pk}/"
    edited = client.post(f"{page}edit/", {"code": sku.code, "price": "0.0000001"}, follow=True)
    assert TINY_PRICE in page_text(edited)
    sold = client.post(
        f"{page}deduct/",
        {"kind": "sold", "quantity": "1", "unit_price": "0.0000001"},
        follow=True,
    )
    assert TINY_PRICE in page_text(sold)
    sold = client.post(f"{page}deduct/", {"kind": "sold", "quantity": "1e-40"}, follow=True)
    assert TINY_QUANTITY in page_text(sold)
    held = client.post(
        f"{page}holds/", {"hold-quantity": "0.0000001", "hold-note": "Order 9"}, follow=True
    )
    assert TINY_QUANTITY in page_text(held)
    with tenant_context(org_a):
        assert world() == before
