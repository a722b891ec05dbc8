"""Orders: fulfilment charges the FIFO draws, holds become reservations, returns go back to the
exact lots, and bad input names its line and writes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inventory.models import Item, Lot, Movement, Reservation
from inventory.shelf_life import day_words
from sales.errors import InvalidOrder, InvalidReturn, LinesShort, OrderClosed
from sales.models import LINE_REFERENCE, LineReturn, Order, OrderLine
from sales.services import (
    LineInput,
    cancel_order,
    create_customer,
    create_order,
    fulfil_order,
    record_sale,
    return_line,
)
from tests.concurrency import run_concurrently
from tests.inventory.factories import stock
from tests.sales.conftest import make_sku

D = Decimal


def _stocked(code="BAR"):
    sku = make_sku(code)
    old = stock(sku.item, "3", "2.00", days_ago=5)
    new = stock(sku.item, "5", "3.00", days_ago=1)
    return sku, old, new


def _snapshot(sku):
    item = Item.objects.get(pk=sku.item_id)
    return (
        item.on_hand,
        item.reserved,
        item.stock_value,
        Movement.objects.count(),
        Order.objects.count(),
        OrderLine.objects.count(),
        LineReturn.objects.count(),
        sorted(Lot.objects.values_list("pk", "quantity_remaining")),
    )


def test_fulfilled_line_costs_exactly_its_fifo_draws(acme):
    sku, old, new = _stocked()
    order = create_order(
        customer=create_customer(name="Lavender Market"),
        lines=[LineInput(sku=sku, quantity="4", unit_price="8.50", discount="1.00")],
        shipping_charged="4.00",
        marketplace_fee="1.20",
    )
    fulfil_order(order=order)
    line = OrderLine.objects.get(order=order)
    draws = list(
        Movement.objects.filter(reference_type=LINE_REFERENCE, reference_id=line.pk)
        .order_by("id")
        .values_list("lot_id", "quantity", "value")
    )
    assert draws == [(old.pk, D("-3"), D("-6")), (new.pk, D("-1"), D("-3"))]
    assert line.cost == D("9")
    assert (line.goods, line.shipping_share, line.fee_share) == (D("33.00"), D("4.00"), D("1.20"))
    order.refresh_from_db()
    assert order.status == Order.Status.FULFILLED and order.fulfilled_at is not None


def test_fees_and_shipping_are_shared_by_line_value(acme):
    a, _, _ = _stocked("A")
    b, _, _ = _stocked("B")
    order = create_order(
        lines=[LineInput(sku=a, quantity="3", unit_price="3"), LineInput(sku=b, quantity="1")],
        shipping_charged="1.00",
        marketplace_fee="0.10",
    )
    shares = list(order.lines.order_by("position").values_list("shipping_share", "fee_share"))
    # goods 9.00 and 8.50: 1.00 -> 0.51 + 0.49 (0.514... and 0.485...), 0.10 -> 0.05 + 0.05
    assert shares == [(D("0.51"), D("0.05")), (D("0.49"), D("0.05"))]


def test_line_for_more_than_available_names_the_line_and_writes_nothing(acme):
    sku, _, _ = _stocked()
    other, _, _ = _stocked("SOAP")
    order = create_order(
        lines=[LineInput(sku=other, quantity="1"), LineInput(sku=sku, quantity="9")]
    )
    before = _snapshot(sku)
    with pytest.raises(LinesShort) as refused:
        fulfil_order(order=order)
    assert refused.value.message == (
        "Row 2 (BAR): it needs 9 pieces and only 8 pieces are ready to use (1 piece short)."
    )
    assert list(refused.value.details["errors"]) == ["line-2"]
    assert _snapshot(sku) == before
    assert Order.objects.get(pk=order.pk).status == Order.Status.OPEN


def test_holding_more_than_available_writes_no_order(acme):
    sku, _, _ = _stocked()
    before = _snapshot(sku)
    with pytest.raises(LinesShort, match=r"^Row 1 \(BAR\)"):
        create_order(lines=[LineInput(sku=sku, quantity="8.5")], hold=True)
    assert _snapshot(sku) == before


def test_bad_lines_are_all_named_before_anything_is_written(acme):
    sku, _, _ = _stocked()
    before = _snapshot(sku)
    with pytest.raises(InvalidOrder) as refused:
        create_order(
            lines=[
                LineInput(sku=sku, quantity="1", discount="9.00"),
                LineInput(sku=999999, quantity="1"),
                LineInput(sku=sku, quantity="-2"),
            ]
        )
    assert sorted(refused.value.details["errors"]) == ["line-1", "line-2", "line-3"]
    assert "Row 1 (BAR): the discount is more than the price." in refused.value.message
    assert _snapshot(sku) == before


def test_a_held_order_reserves_then_fulfils_from_its_holds(acme):
    sku, _, _ = _stocked()
    order = create_order(lines=[LineInput(sku=sku, quantity="6")], hold=True)
    assert Item.objects.get(pk=sku.item_id).reserved == D("6")
    with pytest.raises(LinesShort):  # the held stock is not free for another order
        fulfil_order(order=create_order(lines=[LineInput(sku=sku, quantity="3")]))
    fulfil_order(order=order)
    line = order.lines.get()
    assert line.reservation.status == Reservation.Status.FULFILLED
    item = Item.objects.get(pk=sku.item_id)
    assert (item.on_hand, item.reserved) == (D("2"), D("0"))
    assert line.cost == D("15")  # 3 x 2.00 + 3 x 3.00


def test_cancel_releases_the_holds_and_refuses_twice(acme):
    sku, _, _ = _stocked()
    order = create_order(lines=[LineInput(sku=sku, quantity="2")], hold=True)
    cancel_order(order=order)
    assert Item.objects.get(pk=sku.item_id).reserved == D("0")
    with pytest.raises(OrderClosed):
        fulfil_order(order=order)


def test_a_return_goes_back_to_the_exact_lots_at_their_cost(acme):
    sku, old, new = _stocked()
    order = create_order(lines=[LineInput(sku=sku, quantity="4", unit_price="5.00")])
    fulfil_order(order=order)
    line = order.lines.get()
    back = return_line(line=line, quantity="2")
    assert dict(Lot.objects.filter(item=sku.item_id).values_list("pk", "quantity_remaining")) == {
        old.pk: D("2"),
        new.pk: D("4"),
    }
    assert (back.cost, back.refund) == (D("4"), D("10.00"))
    rest = return_line(line=line)
    assert (rest.quantity, rest.cost, rest.refund) == (D("2"), D("5"), D("10.00"))
    item = Item.objects.get(pk=sku.item_id)
    assert (item.on_hand, item.stock_value) == (D("8"), D("21"))


def test_returning_more_than_was_sold_on_the_line_is_refused(acme):
    sku, _, _ = _stocked()
    order = create_order(lines=[LineInput(sku=sku, quantity="4")])
    fulfil_order(order=order)
    line = order.lines.get()
    return_line(line=line, quantity="1")
    before = _snapshot(sku)
    with pytest.raises(InvalidReturn) as refused:
        return_line(line=line, quantity="4")
    assert refused.value.message == (
        "Row 1 (BAR): only 3 pieces are still with the customer, so 4 pieces can't come back."
    )
    assert _snapshot(sku) == before


def test_an_unfulfilled_order_has_nothing_to_return(acme):
    sku, _, _ = _stocked()
    order = create_order(lines=[LineInput(sku=sku, quantity="1")])
    with pytest.raises(InvalidReturn, match="hasn't been fulfilled"):
        return_line(line=order.lines.get())


def test_the_quick_sale_is_a_one_line_order_without_a_customer(acme):
    sku, _, _ = _stocked()
    line = record_sale(sku=sku, quantity="4")
    assert line.order.customer is None and line.order.status == Order.Status.FULFILLED
    assert (line.unit_price, line.cost, line.revenue) == (D("8.50"), D("9"), D("34.00"))


def test_selling_a_sku_hold_takes_the_held_stock_once(acme):
    from inventory.errors import ReservationClosed
    from products.services import hold, sell_hold

    sku, _, _ = _stocked()
    held = hold(sku=sku, quantity="2", note="Order 7")
    line = sell_hold(reservation=held, unit_price="7.50")
    assert (line.quantity, line.revenue, line.cost) == (D("2"), D("15.00"), D("4"))
    assert line.reservation.status == Reservation.Status.FULFILLED
    with pytest.raises(ReservationClosed):
        sell_hold(reservation=held)


def test_two_orders_racing_for_the_same_stock_never_both_get_it(committed_acme):
    sku, _, _ = _stocked()
    orders = [create_order(lines=[LineInput(sku=sku, quantity="6")]) for _ in range(2)]
    results = run_concurrently(
        committed_acme, [lambda o=o: fulfil_order(order=o.pk) for o in orders]
    )
    assert sorted(type(r).__name__ for r in results) == ["LinesShort", "Order"]
    item = Item.objects.get(pk=sku.item_id)
    assert (item.on_hand, item.stock_value) == (D("2"), D("6"))
    assert Order.objects.filter(status=Order.Status.FULFILLED).count() == 1


def test_curing_stock_says_until_when_and_offers_to_release_the_cure(acme):
    sku = make_sku()
    lot = stock(sku.item, "10", "0.60", hold_until=timezone.now() + timedelta(days=28))
    before = _snapshot(sku)
    with pytest.raises(LinesShort) as refused:
        record_sale(sku=sku, quantity="2")
    assert refused.value.message == (
        f"Row 1 (BAR): it needs 2 pieces (2 pieces short). On the shelf: 10 pieces curing until "
        f"{day_words(lot.hold_until)}; 0 pieces ready to use. If they are ready now, release the "
        "cure early."
    )
    assert [route for _, route, _ in refused.value.details["fixes"]] == ["inventory:lot_release"]
    assert _snapshot(sku) == before
