"""The money reports as tables: sales and gross profit, cost of goods by lot, stock value on a date,
the year-end summary and purchases by supplier. Each reads through the selector its page reads,
over the same period (sales.periods: whole days in the workspace's time zone), so a file and the
page it came from hold the same figures.

Amounts are written to the cent, half up, as the pages show them (sales.money's rules; exact costs
of goods are rounded once, where shown); unit costs and quantities exactly as stored. Each table
ends with the report's total row, rounded once from the exact total like the page's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from batchtrack.money import currency_symbol
from inventory import units
from reports.exports.table import Table


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else units.money(value)


def _table(title: str, headers: list[str], rows: list[list]) -> Table:
    """`title` names the XLSX sheet: at most 31 characters, Excel's limit. Amounts stay plain
    numbers; a "($)" in a header becomes the workspace's currency symbol ("Revenue (€)")."""
    symbol = currency_symbol()
    headers = [header.replace("($)", f"({symbol})") for header in headers]
    return Table(title, headers, iter(rows), len(rows))


PROFIT_HEADERS = [
    "Month",
    "Product",
    "SKU",
    "Revenue ($)",
    "Cost of goods ($)",
    "Fees ($)",
    "Gross profit ($)",
    "Margin (%)",
]


def _figures(figures) -> list:
    return [
        _cents(figures.revenue),
        _cents(figures.cost),
        _cents(figures.fees),
        _cents(figures.profit),
        figures.margin,
    ]


def sales_profit_table(*, start: date, end: date) -> Table:
    """One row per month, product and SKU (sales.selectors.sales_and_profit), then the total."""
    from sales.periods import books_zone, report_bounds
    from sales.selectors import sales_and_profit

    since, until = report_bounds(start, end)
    report = sales_and_profit(start=since, end=until, zone=books_zone())
    rows = [
        [row.month.strftime("%Y-%m") if row.month else "", row.product, row.sku_code]
        + _figures(row)
        for row in report.rows
    ]
    rows.append(["Total", "All products", ""] + _figures(report.total))
    return _table("Sales and profit", PROFIT_HEADERS, rows)


COGS_HEADERS = [
    "Lot",
    "Item",
    "Supplier",
    "Supplier lot code",
    "Lot unit cost ($)",
    "Sold (net of returns)",
    "Stock unit",
    "Cost of goods ($)",
]


def cost_of_goods_table(*, start: date, end: date) -> Table:
    """Every lot the goods sold were drawn from (sales.selectors.cost_of_goods, all lots rather
    than the page's costliest), largest cost first, then the total."""
    from sales.periods import report_bounds
    from sales.selectors import cost_of_goods

    since, until = report_bounds(start, end)
    cogs = cost_of_goods(start=since, end=until, shown=None)
    rows = [
        [
            lot.lot_code if lot.lot_id else "untracked",
            lot.item,
            lot.supplier,
            lot.supplier_lot_code,
            lot.unit_cost,
            lot.quantity,
            lot.stock_unit,
            _cents(lot.cost),
        ]
        for lot in cogs.lots
    ]
    rows.append(["Total", f"{cogs.lot_count} lots", "", "", None, None, "", _cents(cogs.total)])
    return _table("Cost of goods", COGS_HEADERS, rows)


VALUATION_HEADERS = ["Item", "Kind", "On hand", "Stock unit", "Value ($)"]


def valuation_table(*, on: date) -> Table:
    """Each item's stock and value at the end of `on` (sales.selectors.valuation_as_of), then the
    total."""
    from sales.periods import end_of_day
    from sales.selectors import valuation_as_of

    valuation = valuation_as_of(at=end_of_day(on))
    rows = [
        [item.name, item.kind, item.quantity, item.stock_unit, _cents(item.value)]
        for item in valuation.items
    ]
    rows.append(["Total", "", None, "", _cents(valuation.total)])
    return _table(f"Stock value {on:%Y-%m-%d}", VALUATION_HEADERS, rows)


YEAR_END_HEADERS = ["Line", "Schedule C, Part III", "Amount ($)"]


def year_end_lines(schedule) -> list[list]:
    """The summary's lines (number, words, amount to the cent or None when not recorded here) and
    what line 42 is made of; the page's words. Shared by the table and the PDF."""
    return [
        ["35", "Inventory at beginning of year", _cents(schedule.opening)],
        ["36", "Purchases (stock received from suppliers)", _cents(schedule.purchases)],
        ["37", "Cost of labor (not recorded here)", None],
        [
            "38",
            "Materials and supplies (items you don't keep stock of, as used)",
            _cents(schedule.supplies),
        ],
        ["39", "Other costs (not recorded here)", None],
        ["40", "Add lines 35 through 39", _cents(schedule.total_costs)],
        ["41", "Inventory at end of year", _cents(schedule.closing)],
        ["42", "Cost of goods sold (line 40 minus line 41)", _cents(schedule.cost_of_goods)],
        ["42 of which", "Sold to customers, less returns", _cents(schedule.sold)],
        ["42 of which", "Lost in production (failed batches)", _cents(schedule.production_loss)],
        [
            "42 of which",
            "Thrown away, given away or recounted, less stock found",
            _cents(schedule.written_off),
        ],
    ]


def year_end_table(*, year: int) -> Table:
    from sales.periods import books_zone
    from sales.selectors import schedule_c

    schedule = schedule_c(year=year, zone=books_zone())
    return _table(f"Year-end summary {year}", YEAR_END_HEADERS, year_end_lines(schedule))


PURCHASE_HEADERS = [
    "Supplier",
    "Month",
    "Receipts",
    "Goods ($)",
    "Shipping ($)",
    "Tax ($)",
    "Fees ($)",
    "Total ($)",
]


def _purchase_cells(row) -> list:
    return [row.receipts, row.goods_total, row.shipping, row.tax, row.fees, row.total]


def purchases_table(*, start: date, end: date) -> Table:
    """Each supplier's receipts month by month (purchasing.selectors.purchases_by_supplier; amounts
    are the receipts' cents), then all suppliers' total."""
    from purchasing.selectors import purchases_by_supplier
    from sales.periods import books_zone

    report = purchases_by_supplier(start=start, end=end, zone=books_zone())
    rows = [
        [row.supplier_name, row.month.strftime("%Y-%m") if row.month else ""] + _purchase_cells(row)
        for row in report.by_month
    ]
    rows.append(["All suppliers", "Total"] + _purchase_cells(report.totals))
    return _table("Purchases by supplier", PURCHASE_HEADERS, rows)
