"""The money reports as export files (CSV, XLSX, PDF): the rows come from the selectors their pages
read, and every total equals the page's to the cent."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone
from pypdf import PdfReader

from inventory.services import adjust, consume
from purchasing.services import ReceiptLineInput, create_supplier, record_receipt
from reports.models import JobStatus
from sales.periods import books_zone
from sales.services import LineInput, create_order, fulfil_order, return_line
from tests.conftest import make_member, workspace_client
from tests.inventory.factories import stock
from tests.recipes.factories import make_item
from tests.reports.helpers import as_decimal, export_now, read_back, records
from tests.sales.conftest import make_sku


def _today():
    return timezone.now().astimezone(books_zone()).date()


def _days() -> dict:
    today = _today()
    return {"start": (today - timedelta(days=1)).isoformat(), "end": today.isoformat()}


def _sold():
    """4 bars at 8.50 less 1.00, 4.00 shipping, 1.20 fee, from lots at 2.00 (3) and 3.00 (5); one
    bar back: revenue 28.75, cost of goods 7, fees 1.20, gross profit 20.55, margin 71.5%."""
    sku = make_sku()
    stock(sku.item, "3", "2.00", days_ago=5)
    stock(sku.item, "5", "3.00", days_ago=1)
    order = create_order(
        lines=[LineInput(sku=sku, quantity="4", unit_price="8.50", discount="1.00")],
        shipping_charged="4.00",
        marketplace_fee="1.20",
    )
    fulfil_order(order=order)
    return_line(line=order.lines.get(), quantity="1")
    return sku


def _pdf_text(job) -> str:
    with job.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _page(organization, path: str):
    owner = make_member(organization, "owner")
    response = workspace_client(owner, organization).get(path)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_sales_and_profit_file_totals_equal_the_page(acme, fmt):
    _sold()
    days = _days()
    job = export_now("sales_profit", fmt, days)
    assert job.status == JobStatus.DONE
    rows = records(read_back(job))
    month = _today().strftime("%Y-%m")
    figures = ["Revenue ($)", "Cost of goods ($)", "Fees ($)", "Gross profit ($)", "Margin (%)"]
    assert [[r["Month"], r["Product"], r["SKU"]] for r in rows] == [
        [month, "Product BAR", "BAR"],
        ["Total", "All products", None if fmt == "xlsx" else ""],
    ]
    expected = [D("28.75"), D("7"), D("1.2"), D("20.55"), D("71.5")]
    assert [as_decimal(rows[-1][name]) for name in figures] == expected
    assert [as_decimal(rows[0][name]) for name in figures] == expected
    page = _page(acme, f"/sales/reports/sales/?start={days['start']}&end={days['end']}")
    total = page.context["profit"].total
    assert (total.revenue, total.cost, total.fees, total.profit, total.margin) == (
        D("28.75"),
        D("7"),
        D("1.20"),
        D("20.55"),
        D("71.5"),
    )
    assert job.row_count == 2


def test_cost_of_goods_file_lists_every_lot_drawn_and_the_total(acme):
    sku = _sold()
    job = export_now("cost_of_goods", "csv", _days())
    rows = records(read_back(job))
    lots = list(sku.item.lots.order_by("pk"))
    assert [
        (r["Lot"], r["Lot unit cost ($)"], r["Sold (net of returns)"], r["Cost of goods ($)"])
        for r in rows
    ] == [
        (lots[0].code, "2", "2", "4"),
        (lots[1].code, "3", "1", "3"),
        ("Total", "", "", "7"),
    ]
    assert rows[-1]["Item"] == "2 lots"
    days = _days()
    page = _page(acme, f"/sales/reports/cost-of-goods/?start={days['start']}&end={days['end']}")
    assert page.context["cogs"].total == D("7")


def test_valuation_file_equals_the_page_to_the_cent(acme):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.012345")
    wax = make_item("Beeswax")
    stock(wax, "200", "0.05")
    consume(item=oil, quantity="250")
    adjust(item=wax, kind="spoil", quantity="20")
    on = _today().isoformat()
    rows = records(read_back(export_now("valuation", "xlsx", {"on": on})))
    assert [(r["Item"], as_decimal(r["On hand"]), as_decimal(r["Value ($)"])) for r in rows] == [
        ("Beeswax", D("180"), D("9")),
        ("Olive oil", D("750"), D("9.26")),  # 9.25875 exactly, shown in cents
        ("Total", None, D("18.26")),
    ]
    page = _page(acme, f"/sales/reports/valuation/?on={on}")
    assert page.context["valuation"].total == D("18.25875")
    assert "18.26" in page.content.decode()


def _year_end_world():
    sku = _sold()
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    adjust(item=oil, kind="spoil", quantity="100")
    return sku


def test_year_end_file_holds_each_line_of_the_page(acme):
    _year_end_world()
    year = _today().year
    rows = read_back(export_now("year_end", "csv", {"year": year}))
    assert rows[0] == ["Line", "Schedule C, Part III", "Amount ($)"]
    amounts = {line: amount for line, _, amount in rows[1:] if line != "42 of which"}
    # Purchases: 3 x 2 + 5 x 3 + 1000 x 0.01 = 31; at the end: the returned bar at 2, 4 bars at
    # 3 and 900 g of oil at 0.01 = 23; cost of goods 31 - 23 = 8 = 7 sold + 1 of oil spoiled.
    assert amounts == {
        "35": "0",
        "36": "31",
        "37": "",
        "38": "0",
        "39": "",
        "40": "31",
        "41": "23",
        "42": "8",
    }
    parts = [amount for line, _, amount in rows[1:] if line == "42 of which"]
    assert parts == ["7", "0", "1"]  # sold, lost in production, written off
    schedule = _page(acme, f"/sales/reports/year-end/?year={year}").context["schedule"]
    assert (schedule.purchases, schedule.closing, schedule.cost_of_goods) == (
        D("31"),
        D("23"),
        D("8"),
    )


def test_purchases_file_equals_the_page(acme):
    oleo = create_supplier(name="Oleo Co.")
    oil = make_item("Olive oil")
    for cost, extras in (("10.00", {"shipping": "1.10"}), ("20.00", {"tax": "2.05"})):
        record_receipt(
            supplier=oleo,
            lines=[ReceiptLineInput(oil.pk, "1000", cost)],
            received_at=timezone.now() - timedelta(minutes=5),
            **extras,
        )
    days = _days()
    rows = records(read_back(export_now("purchases", "xlsx", days)))
    assert [[as_decimal(cell) for cell in list(r.values())[2:]] for r in rows] == [
        [2, 30, D("1.1"), D("2.05"), 0, D("33.15")],
        [2, 30, D("1.1"), D("2.05"), 0, D("33.15")],
    ]
    assert [rows[-1]["Supplier"], rows[-1]["Month"]] == ["All suppliers", "Total"]
    page = _page(acme, f"/purchasing/purchases/?start={days['start']}&end={days['end']}")
    assert page.context["report"].totals.total == D("33.15")


def test_sales_and_profit_pdf_holds_the_figures(acme):
    _sold()
    job = export_now("sales_profit", "pdf", _days())
    assert job.status == JobStatus.DONE
    text = _pdf_text(job)
    for expected in ("Sales and profit", "Acme Soap Works", "28.75", "7.00", "1.20", "20.55"):
        assert expected in text, expected
    assert "71.5%" in text
    assert "Product BAR, BAR" in text


def test_year_end_pdf_holds_each_line(acme):
    _year_end_world()
    year = _today().year
    job = export_now("year_end", "pdf", {"year": year})
    assert (job.status, job.row_count) == (JobStatus.DONE, 11)
    text = _pdf_text(job)
    assert f"Year-end summary {year}" in text
    for expected in (
        "Purchases (stock received from suppliers) $31.00",
        "Inventory at end of year $23.00",
        "Cost of goods sold (line 40 minus line 41) $8.00",
        "Sold to customers, less returns $7.00",
    ):
        assert expected in text, expected
