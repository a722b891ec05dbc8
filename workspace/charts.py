"""The three charts, ready for a template: the SVG, a one-sentence summary (also the SVG's description)
and the numbers for the table beside it."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats

from batchtrack.money import format_money, format_unit_money
from inventory.display import format_quantity
from inventory.models import Item
from recipes.models import Recipe
from workspace.selectors.charts import HISTORY_DAYS, batch_costs, stock_levels
from workspace.selectors.dashboard import KindValue
from workspace.svg import Bar, Point, bar_chart, line_chart


def _day(value) -> str:
    return formats.date_format(value, "M j")


def item_stock(*, item: Item) -> dict:
    levels = stock_levels(item=item)
    unit = item.stock_unit
    title = f"Stock of {item.name} over the last {HISTORY_DAYS} days"
    if len(levels) == 1:
        summary = (
            f"{item.name} has {format_quantity(levels[0].quantity, unit)} on hand; in the last "
            f"{HISTORY_DAYS} days its stock moved only on {_day(levels[0].day)}."
        )
    elif levels:
        low = min(levels, key=lambda level: (level.quantity, level.day))
        summary = (
            f"{item.name} went from {format_quantity(levels[0].quantity, unit)} on "
            f"{_day(levels[0].day)} to {format_quantity(levels[-1].quantity, unit)} today; "
            f"the lowest was {format_quantity(low.quantity, unit)} on {_day(low.day)}."
        )
    else:
        summary = f"No stock of {item.name} has moved in the last {HISTORY_DAYS} days."
    svg = line_chart(
        [Point(_day(level.day), level.quantity) for level in levels],
        title=title,
        description=summary,
        unit=unit,
        step=True,
    )
    rows = [(_day(level.day), format_quantity(level.quantity, unit)) for level in levels]
    return {
        "item": item,
        "heading": "Stock over time",
        "svg": svg,
        "title": title,
        "summary": summary,
        "headers": ("Day", "On hand at the end of the day"),
        "rows": rows,
    }


def recipe_costs(*, recipe: Recipe) -> dict:
    costs = batch_costs(recipe=recipe)
    title = f"Cost per unit of {recipe.name}, batch by batch"
    if len(costs) == 1:
        label = costs[0].yield_label
        summary = (
            f"One finished batch so far: one {label} of {costs[0].code} cost "
            f"{format_unit_money(costs[0].per_unit)}."
        )
    elif costs:
        label = costs[-1].yield_label
        cheapest = min(costs, key=lambda c: c.per_unit)
        dearest = max(costs, key=lambda c: c.per_unit)
        summary = (
            f"Over the last {len(costs)} finished batch{'es' if len(costs) != 1 else ''}, one "
            f"{label} cost between {format_unit_money(cheapest.per_unit)} ({cheapest.code}) and "
            f"{format_unit_money(dearest.per_unit)} ({dearest.code}); the latest, {costs[-1].code}, "
            f"cost {format_unit_money(costs[-1].per_unit)}."
        )
    else:
        label = ""
        summary = f"No batch of {recipe.name} has been finished yet."
    svg = line_chart(
        [Point(c.code, c.per_unit) for c in costs],
        title=title,
        description=summary,
        unit=f"$ per {label}" if label else "",
        max_x_labels=4,
    )
    rows = [
        (c.code, _day(c.finished), format_money(c.cost), format_unit_money(c.per_unit))
        for c in costs
    ]
    return {
        "recipe": recipe,
        "heading": f"Cost per {label or 'unit'} across batches",
        "svg": svg,
        "title": title,
        "summary": summary,
        "headers": ("Batch", "Finished", "Batch cost", f"Cost per {label or 'unit'}"),
        "rows": rows,
    }


def inventory_value(values: list[KindValue]) -> dict:
    title = "What your stock is worth, by kind"
    total = sum((v.value for v in values), start=Decimal("0"))
    if values:
        summary = (
            f"Stock on hand is worth {format_money(total)} in all; "
            + "; ".join(f"{v.label.lower()} {format_money(v.value)}" for v in values)
            + "."
        )
    else:
        summary = "Nothing is on your shelves yet."
    svg = bar_chart(
        [Bar(v.label, v.value, format_money(v.value)) for v in values],
        title=title,
        description=summary,
    )
    rows = [(v.label, format_money(v.value)) for v in values]
    return {
        "svg": svg,
        "title": title,
        "summary": summary,
        "headers": ("Kind", "Value"),
        "rows": rows,
    }
