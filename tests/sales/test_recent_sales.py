"""The dashboard's week and month figures: the money report's rules over two periods, in one
query (which the dashboard folds into its checklist's)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sales.models import LineReturn, Order
from sales.selectors import recent_sales, sales_and_profit
from sales.services import LineInput, create_order, fulfil_order, return_line
from tests.inventory.factories import stock
from tests.sales.conftest import make_sku

D = Decimal
UTC = ZoneInfo("UTC")
# Thursday: the week began on Monday the 7th, the month on the 1st.
NOW = datetime(2026, 12, 10, 12, tzinfo=UTC)


def _sold(sku, quantity: str, price: str, on: datetime) -> Order:
    order = create_order(lines=[LineInput(sku=sku, quantity=quantity, unit_price=price)])
    fulfil_order(order=order)
    Order.objects.filter(pk=order.pk).update(fulfilled_at=on)
    return order


def _figures(f):
    return (f.revenue, f.cost, f.fees, f.profit)


def test_week_and_month_count_sales_less_returns_by_the_report_rules(acme):
    sku = make_sku()
    stock(sku.item, "20", "2.00", days_ago=30)
    this_week = _sold(sku, "3", "8.50", datetime(2026, 12, 9, 9, tzinfo=UTC))
    _sold(sku, "2", "8.50", datetime(2026, 12, 3, 9, tzinfo=UTC))  # this month, last week
    _sold(sku, "5", "8.50", datetime(2026, 11, 30, 9, tzinfo=UTC))  # last month
    _sold(sku, "1", "8.50", datetime(2026, 12, 10, 13, tzinfo=UTC))  # after `now`
    back = return_line(line=this_week.lines.get(), quantity="1")
    LineReturn.objects.filter(pk=back.pk).update(created_at=datetime(2026, 12, 9, 15, tzinfo=UTC))

    recent = recent_sales(now=NOW, zone=UTC)

    assert _figures(recent.week) == (D("17.00"), D("4"), D("0"), D("13.00"))
    assert _figures(recent.month) == (D("34.00"), D("8"), D("0"), D("26.00"))
    assert recent.week_start == datetime(2026, 12, 7, tzinfo=UTC)
    assert recent.month_start == datetime(2026, 12, 1, tzinfo=UTC)
    for figures, start in ((recent.week, recent.week_start), (recent.month, recent.month_start)):
        report = sales_and_profit(start=start, end=NOW, zone=UTC).total
        assert _figures(figures) == _figures(report)


def test_a_week_that_began_last_month_counts_its_days_in_the_week_only(acme):
    sku = make_sku()
    stock(sku.item, "20", "2.00", days_ago=30)
    _sold(sku, "1", "10.00", datetime(2026, 11, 30, 9, tzinfo=UTC))  # Monday
    recent = recent_sales(now=datetime(2026, 12, 2, 12, tzinfo=UTC), zone=UTC)
    assert recent.week.revenue == D("10.00")
    assert recent.month.revenue == D("0")


def test_periods_begin_at_midnight_in_the_workspace_zone(acme):
    sku = make_sku()
    stock(sku.item, "20", "2.00", days_ago=30)
    # 23:30 on Sunday the 6th in Los Angeles is already Monday in UTC: last week there.
    _sold(sku, "1", "10.00", datetime(2026, 12, 7, 7, 30, tzinfo=UTC))
    zone = ZoneInfo("America/Los_Angeles")
    recent = recent_sales(now=NOW, zone=zone)
    assert recent.week_start == datetime(2026, 12, 7, tzinfo=zone)
    assert (recent.week.revenue, recent.month.revenue) == (D("0"), D("10.00"))


def test_recent_sales_take_one_query_whatever_the_orders(acme):
    sku = make_sku()
    stock(sku.item, "20", "2.00", days_ago=30)
    for day in (3, 8, 9):
        _sold(sku, "1", "8.50", datetime(2026, 12, day, 9, tzinfo=UTC))
    with CaptureQueriesContext(connection) as captured:
        recent_sales(now=NOW, zone=UTC)
    assert len(captured.captured_queries) == 1


def test_recent_sales_with_nothing_sold_are_zero(acme):
    recent = recent_sales(now=NOW, zone=UTC)
    assert _figures(recent.week) == _figures(recent.month) == (D("0"), D("0"), D("0"), D("0"))
