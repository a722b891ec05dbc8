"""The sales and profit report and the year-end summary as PDF, to file or hand to an accountant:
the figures their pages show (the same selectors over the same period, amounts in cents), laid out
with reports.exports.pdf_layout."""

from __future__ import annotations

from datetime import date

from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.exports.pdf_layout import heading, latin1, money_text, new_document

_RIGHT = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")


def _margin(margin) -> str:
    return "-" if margin is None else f"{margin}%"


def _figures(figures) -> list[str]:
    return [
        money_text(figures.revenue),
        money_text(figures.cost),
        money_text(figures.fees),
        money_text(figures.profit),
        _margin(figures.margin),
    ]


def _profit_table(pdf: FPDF, first: str, rows: list[tuple[str, object]]) -> None:
    with pdf.table(
        col_widths=(50, 28, 28, 22, 28, 20),
        headings_style=FontFace(emphasis="BOLD"),
        text_align=_RIGHT,
    ) as table:
        table.row([first, "Revenue", "Cost of goods", "Fees", "Gross profit", "Margin"])
        for name, figures in rows:
            table.row([latin1(name), *_figures(figures)])


def sales_profit_pdf(*, start: date, end: date, workspace_name: str) -> tuple[bytes, int]:
    """The report's PDF and how many month, product and SKU rows it has."""
    from sales.periods import books_zone, report_bounds
    from sales.selectors import by_sku, sales_and_profit

    zone = books_zone()
    since, until = report_bounds(start, end)
    report = sales_and_profit(start=since, end=until, zone=zone)
    pdf = new_document(title="Sales and profit", workspace_name=workspace_name)
    pdf.cell(
        0,
        6,
        latin1(f"Orders fulfilled from {start:%Y-%m-%d} to {end:%Y-%m-%d} (times in {zone.key})"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    total = report.total
    with pdf.table(col_widths=(60, 120), first_row_as_headings=False, text_align="LEFT") as table:
        for name, value in (
            ("Revenue", money_text(total.revenue)),
            ("Cost of goods", money_text(total.cost)),
            ("Fees", money_text(total.fees)),
            ("Gross profit", money_text(total.profit)),
            ("Margin", _margin(total.margin)),
        ):
            row = table.row()
            row.cell(name)
            row.cell(value)
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(
        0,
        4,
        "Revenue is the goods less discounts plus shipping charged, less refunds; cost of goods "
        "is what the stock sold cost, batch by batch; fees are what marketplaces kept. Gross "
        "profit = revenue - cost of goods - fees.",
        new_x="LMARGIN",
    )
    if not report.rows:
        heading(pdf, "Nothing was sold in this period.")
        return bytes(pdf.output()), 0
    heading(pdf, "By month")
    _profit_table(pdf, "Month", [(f"{m:%b %Y}", f) for m, f in report.by_month.items()])
    heading(pdf, "By product and SKU")
    _profit_table(pdf, "Product, SKU", [(f"{r.product}, {r.sku_code}", r) for r in by_sku(report)])
    heading(pdf, "By month, product and SKU")
    _profit_table(
        pdf,
        "Month, product, SKU",
        [(f"{r.month:%b %Y}, {r.product}, {r.sku_code}", r) for r in report.rows],
    )
    return bytes(pdf.output()), len(report.rows)


def year_end_pdf(*, year: int, workspace_name: str) -> tuple[bytes, int]:
    """The summary's PDF and how many lines it has."""
    from reports.exports.money_tables import year_end_lines
    from sales.periods import books_zone
    from sales.selectors import schedule_c

    zone = books_zone()
    schedule = schedule_c(year=year, zone=zone)
    lines = year_end_lines(schedule)
    pdf = new_document(title=f"Year-end summary {year}", workspace_name=workspace_name)
    pdf.multi_cell(
        0,
        5,
        latin1(
            f"In the shape of the US Schedule C, Part III (cost of goods sold), from the stock "
            f"ledger, for 1 January to 31 December {year} ({zone.key}). Check it with "
            "your tax adviser."
        ),
        new_x="LMARGIN",
    )
    pdf.ln(2)
    with pdf.table(
        col_widths=(25, 120, 35),
        headings_style=FontFace(emphasis="BOLD"),
        text_align=("LEFT", "LEFT", "RIGHT"),
    ) as table:
        table.row(["Line", "Schedule C, Part III", "Amount"])
        for number, words, amount in lines:
            table.row([number, latin1(words), "-" if amount is None else money_text(amount)])
    if not schedule.balances:
        heading(pdf, "These parts don't add up to line 42: the stock ledger needs a check.")
    return bytes(pdf.output()), len(lines)
