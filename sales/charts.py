"""The money reports' charts (server-rendered SVG through workspace.svg): the chart, a one-sentence
summary (also its description for screen readers); the pages show the numbers in a table too."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils import formats

from batchtrack.money import format_money
from sales.selectors.profit import ProfitReport
from sales.selectors.valuation import Valuation
from workspace.svg import Bar, bar_chart


def _month(value: date) -> str:
    return formats.date_format(value, "M Y")


def profit_by_month(report: ProfitReport) -> dict:
    title = "Gross profit by month"
    months = sorted(report.by_month.items())
    if months:
        best = max(months, key=lambda m: (m[1].profit, m[0]))
        summary = (
            f"Over {len(months)} month{'s' if len(months) != 1 else ''}, revenue was "
            f"{format_money(report.total.revenue)} and gross profit "
            f"{format_money(report.total.profit)}; the best month was {_month(best[0])} "
            f"({format_money(best[1].profit)})."
        )
    else:
        summary = "Nothing was sold in this period."
    svg = bar_chart(
        [
            Bar(_month(month), max(figures.profit, Decimal("0")), format_money(figures.profit))
            for month, figures in months
        ],
        title=title,
        description=summary,
    )
    return {"svg": svg, "title": title, "summary": summary}


def valuation_by_kind(valuation: Valuation, day: date) -> dict:
    title = f"Stock value at the end of {formats.date_format(day, 'DATE_FORMAT')}, by kind"
    kinds: dict[str, Decimal] = defaultdict(Decimal)
    for item in valuation.items:
        kinds[item.kind] += item.value
    ranked = sorted(kinds.items(), key=lambda k: (-k[1], k[0]))
    if ranked:
        summary = f"Stock was worth {format_money(valuation.total)}: " + "; ".join(
            f"{kind.lower()} {format_money(value)}" for kind, value in ranked
        )
    else:
        summary = "There was no stock on that day."
    svg = bar_chart(
        [Bar(kind, max(value, Decimal("0")), format_money(value)) for kind, value in ranked],
        title=title,
        description=summary,
    )
    return {"svg": svg, "title": title, "summary": summary}
