"""The purchases report's chart (server-rendered SVG through workspace.svg, like the sales reports'):
the chart and a one-sentence summary, which is also its description for screen readers."""

from __future__ import annotations

from batchtrack.money import format_money
from purchasing.selectors import PurchasesReport
from workspace.svg import Bar, bar_chart


def spend_by_supplier(report: PurchasesReport) -> dict:
    title = "What you spent with each supplier"
    ranked = sorted(report.by_supplier, key=lambda row: (-row.total, row.supplier_name))
    if ranked:
        top = ranked[0]
        summary = (
            f"{format_money(report.totals.total)} with {len(ranked)} supplier"
            f"{'s' if len(ranked) != 1 else ''}; the most with {top.supplier_name} "
            f"({format_money(top.total)})."
        )
    else:
        summary = "No deliveries were received in this period."
    svg = bar_chart(
        [Bar(row.supplier_name, row.total, format_money(row.total)) for row in ranked],
        title=title,
        description=summary,
    )
    return {"svg": svg, "title": title, "summary": summary}
