"""Holding a SKU's stock for an order: held stock is nobody else's, selling a hold is one ordinary
sale, releasing gives the stock back, and two people selling one hold at once make one sale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from inventory.errors import InsufficientStock, ReservationClosed
from inventory.models import Movement, Reservation
from inventory.selectors import ledger_imbalances
from products.errors import InvalidDeduction
from products.models import Deduction
from products.selectors import holds_for
from products.services import (
    create_product,
    create_sku,
    hold,
    release_hold,
    sell_hold,
)
from sales.errors import LinesShort
from sales.models import OrderLine
from sales.services import record_sale, return_line
from tests.concurrency import run_concurrently
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import stock


@pytest.fixture
def bar(acme):
    sku = create_sku(product=create_product(name="Castile bar"), price="8.00")
    stock(sku.item, "3", "2.00", days_ago=2)
    stock(sku.item, "10", "2.50", days_ago=1)
    return sku


def test_held_stock_is_not_sold_to_anyone_else(bar):
    held = hold(sku=bar, quantity="10", note="Order 1042")
    bar.item.refresh_from_db()
    assert (bar.item.on_hand, bar.item.reserved) == (Decimal("13"), Decimal("10"))
    assert list(holds_for(bar)) == [held]
    with pytest.raises(LinesShort):
        record_sale(sku=bar, quantity="4")
    record_sale(sku=bar, quantity="3")  # the free three still sell
    with pytest.raises(InsufficientStock):
        hold(sku=bar, quantity="1", note="Order 1043")


def test_selling_a_hold_is_one_sale_that_returns_like_any_other(bar):
    held = hold(sku=bar, quantity="5", note="Order 1042")
    sale = sell_hold(reservation=held, unit_price="7.50")
    assert (sale.quantity, sale.unit_price, sale.order.note) == (
        Decimal("5"),
        Decimal("7.50"),
        "Held for Order 1042",
    )
    assert sale.cost == Decimal("11.00")  # FIFO: 3 x 2.00 + 2 x 2.50
    moved = Movement.objects.filter(reference_type="order_line", reference_id=sale.pk)
    assert sorted(m.quantity for m in moved) == [Decimal("-3"), Decimal("-2")]
    held.refresh_from_db()
    assert held.status == Reservation.Status.FULFILLED
    bar.item.refresh_from_db()
    assert (bar.item.on_hand, bar.item.reserved) == (Decimal("8"), Decimal("0"))
    assert list(holds_for(bar)) == []
    with pytest.raises(ReservationClosed):
        sell_hold(reservation=held)
    return_line(line=sale)
    bar.item.refresh_from_db()
    assert bar.item.on_hand == Decimal("13")
    assert ledger_imbalances() == []


def test_releasing_gives_the_stock_back_and_only_once(bar):
    held = hold(sku=bar, quantity="13", note="Market stall")
    release_hold(reservation=held)
    bar.item.refresh_from_db()
    assert bar.item.reserved == 0
    with pytest.raises(ReservationClosed):
        release_hold(reservation=held)
    with pytest.raises(ReservationClosed):
        sell_hold(reservation=held)
    assert not Deduction.objects.exists()


@pytest.mark.parametrize(
    ("quantity", "note", "message"),
    [
        ("2", "  ", "Say what the stock is held for"),
        ("0", "Order 1", "more than zero"),
        ("two", "Order 1", "a number"),
    ],
)
def test_bad_holds_are_refused_plainly(bar, quantity, note, message):
    with pytest.raises(InvalidDeduction, match=message):
        hold(sku=bar, quantity=quantity, note=note)
    assert not Reservation.objects.exists()


def test_two_people_selling_one_hold_at_once_make_one_sale(committed_acme):
    sku = create_sku(product=create_product(name="Candle"), price="12")
    stock(sku.item, "6", "3.00")
    held = hold(sku=sku, quantity="4", note="Order 7")

    results = run_concurrently(
        committed_acme,
        [lambda: sell_hold(reservation=Reservation.objects.get(pk=held.pk)) for _ in range(2)],
    )

    sold = [r for r in results if isinstance(r, OrderLine)]
    refused = [r for r in results if isinstance(r, ReservationClosed)]
    assert (len(sold), len(refused)) == (1, 1), results
    sku.item.refresh_from_db()
    assert (sku.item.on_hand, sku.item.reserved) == (Decimal("2"), Decimal("0"))
    assert OrderLine.objects.count() == 1
    assert ledger_imbalances() == []


def test_the_sku_page_holds_sells_and_releases(org_a):
    seller = make_member(org_a, "production")
    with tenant_context(org_a):
        sku = create_sku(product=create_product(name="Castile bar"), price="8.00")
        stock(sku.item, "10", "2.00")
    client = workspace_client(seller, org_a)
    page = f"/products/skus/{sku.pk}/"

    text = page_text(
        client.post(f"{page}holds/", {"hold-quantity": "4", "hold-note": "Order 9"}, follow=True)
    )
    assert "4 pieces of" in text and "held for Order 9" in text
    with tenant_context(org_a):
        held = Reservation.objects.get()
    text = page_text(
        client.post(f"/products/holds/{held.pk}/sell/", {"unit_price": ""}, follow=True)
    )
    assert "Sold 4 pieces held for Order 9, for $32.00." in text
    assert "Nothing is held." in text

    client.post(f"{page}holds/", {"hold-quantity": "2", "hold-note": "Order 10"})
    with tenant_context(org_a):
        second = Reservation.objects.get(status="open")
    text = page_text(client.post(f"/products/holds/{second.pk}/release/", follow=True))
    assert "The hold for Order 10 is released" in text
    text = page_text(
        client.post(f"{page}holds/", {"hold-quantity": "9", "hold-note": "Big order"}, follow=True)
    )
    assert "You need 3 more pieces of Castile bar" in text
    assert "this needs 9 pieces and 6 pieces is available." in text
    with tenant_context(org_a):
        assert Reservation.objects.filter(status="open").count() == 0

    viewer = workspace_client(make_member(org_a, "viewer"), org_a)
    assert viewer.post(f"/products/holds/{second.pk}/release/").status_code == 403
    assert "Hold</button>" not in page_text(viewer.get(page))


def test_all_holds_on_one_page_with_sell_and_release_coming_back_to_it(org_a):
    seller = make_member(org_a, "production")
    with tenant_context(org_a):
        soap = create_sku(product=create_product(name="Castile bar"), price="8.00")
        candle = create_sku(product=create_product(name="Beeswax candle"), price="15.00")
        stock(soap.item, "10", "2.00")
        stock(candle.item, "4", "5.00")
        first = hold(sku=soap, quantity="3", note="Order 1")
        second = hold(sku=candle, quantity="2", note="Order 2")
    client = workspace_client(seller, org_a)

    page = page_text(client.get("/products/holds/"))
    assert page.index("Order 1") < page.index("Order 2")  # oldest first
    assert soap.code in page and candle.code in page
    assert 'name="next" value="holds"' in page

    sold = client.post(f"/products/holds/{first.pk}/sell/", {"next": "holds"})
    assert sold["Location"] == "/products/holds/"
    released = client.post(f"/products/holds/{second.pk}/release/", {"next": "holds"})
    assert released["Location"] == "/products/holds/"
    assert "Nothing is held for an order." in page_text(client.get("/products/holds/"))
