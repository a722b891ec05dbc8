"""The money reports: exact figures, the valuation on a past date against a hand computation from
the ledger, the Schedule C identity on the demo data, recall buyers, and constant query counts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inventory.models import Item, Movement
from inventory.services import adjust, consume
from sales.models import LineReturn, OrderLine
from sales.selectors import (
    buyers_of,
    cost_of_goods,
    sales_and_profit,
    schedule_c,
    valuation_as_of,
)
from sales.services import LineInput, create_customer, create_order, fulfil_order, return_line
from tests.inventory.factories import stock
from tests.recipes.factories import make_item
from tests.sales.conftest import make_sku

D = Decimal
UTC = ZoneInfo("UTC")


def _period():
    now = timezone.now()
    return now - timedelta(days=1), now + timedelta(days=1)


def test_sales_and_profit_are_exact_with_returns(acme):
    sku = make_sku()
    stock(sku.item, "3", "2.00", days_ago=5)
    stock(sku.item, "5", "3.00", days_ago=1)
    order = create_order(
        lines=[LineInput(sku=sku, quantity="4", unit_price="8.50", discount="1.00")],
        shipping_charged="4.00",
        marketplace_fee="1.20",
    )
    fulfil_order(order=order)
    return_line(line=order.lines.get(), quantity="1")  # refund 33.00 / 4 = 8.25, cost 2.00 back
    start, end = _period()
    report = sales_and_profit(start=start, end=end, zone=UTC)
    total = report.total
    assert (total.revenue, total.cost, total.fees) == (D("28.75"), D("7"), D("1.20"))
    assert (total.profit, total.margin) == (D("20.55"), D("71.5"))
    assert [(r.sku_code, r.revenue) for r in report.rows] == [("BAR", D("28.75"))]
    cogs = cost_of_goods(start=start, end=end)
    assert (cogs.total, cogs.lot_count) == (D("7"), 2)
    assert sorted((lot.quantity, lot.cost) for lot in cogs.lots) == [
        (D("1"), D("3")),
        (D("2"), D("4")),
    ]


def test_valuation_on_a_past_moment_equals_the_ledger_by_hand(acme):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.012")
    wax = make_item("Beeswax")
    stock(wax, "200", "0.05")
    consume(item=oil, quantity="250")
    adjust(item=wax, kind="spoil", quantity="20")
    spoiled_at = Movement.objects.get(kind="spoil").created_at
    past = valuation_as_of(at=spoiled_at)  # just before the spoilage
    by_name = {i.name: (i.quantity, i.value) for i in past.items}
    # By hand: oil 1000 g x 0.012 received, 250 g x 0.012 used; wax 200 g x 0.05 received.
    assert by_name == {"Beeswax": (D("200"), D("10")), "Olive oil": (D("750"), D("9"))}
    now = valuation_as_of(at=timezone.now() + timedelta(seconds=1))
    assert {i.name: (i.quantity, i.value) for i in now.items} == {
        "Beeswax": (D("180"), D("9")),
        "Olive oil": (D("750"), D("9")),
    }
    assert now.total == sum(Item.objects.values_list("stock_value", flat=True), D("0"))
    assert valuation_as_of(at=timezone.now() - timedelta(days=1)).items == []


def test_schedule_c_balances_on_the_demo_data(acme, owner_a):
    from batches.demo import seed as seed_production
    from sales.demo import seed as seed_sales

    seed_production(organization=acme, owner=owner_a)
    seed_sales(organization=acme, owner=owner_a)
    year = timezone.now().astimezone(UTC).year
    schedule = schedule_c(year=year, zone=UTC)
    assert schedule.opening == D("0")
    assert schedule.closing == sum(Item.objects.values_list("stock_value", flat=True), D("0"))
    assert schedule.cost_of_goods == (
        schedule.opening + schedule.purchases + schedule.supplies - schedule.closing
    )
    assert schedule.balances
    sold_by_orders = sum(OrderLine.objects.values_list("cost", flat=True), D("0")) - sum(
        LineReturn.objects.values_list("cost", flat=True), D("0")
    )
    assert schedule.sold == sold_by_orders > 0
    assert schedule.written_off > 0  # the tester bar


def test_recall_names_the_customers_who_received_the_lots(acme):
    sku = make_sku()
    lot = stock(sku.item, "5", "2.00")
    shop = create_customer(name="Lavender Market", email="shop@example.com")
    bought = create_order(customer=shop, lines=[LineInput(sku=sku, quantity="2")])
    fulfil_order(order=bought)
    gone = create_order(lines=[LineInput(sku=sku, quantity="1")])
    fulfil_order(order=gone)
    return_line(line=gone.lines.get())  # all back: no longer with a customer
    buyers = buyers_of([lot.pk])
    assert [(b.line.order.customer.name, b.quantity, b.lot_ids) for b in buyers] == [
        ("Lavender Market", D("2"), (lot.pk,))
    ]


def _statements(read) -> int:
    """Statements `read()` sends, django-tenants' SET search_path left out."""
    with CaptureQueriesContext(connection) as captured:
        read()
    return sum(1 for q in captured.captured_queries if not q["sql"].startswith("SET search_path"))


def test_report_queries_do_not_grow_with_the_data(acme):
    sku = make_sku()
    stock(sku.item, "50", "1.00")
    start, end = _period()
    for count in (1, 5):
        for _ in range(count):
            fulfil_order(order=create_order(lines=[LineInput(sku=sku, quantity="1")]))
        assert _statements(lambda: sales_and_profit(start=start, end=end, zone=UTC)) == 3
        assert _statements(lambda: valuation_as_of(at=end)) == 2
        assert _statements(lambda: schedule_c(year=end.year, zone=UTC)) == 2
        assert _statements(lambda: cost_of_goods(start=start, end=end)) == 2
