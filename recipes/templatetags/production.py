"""Template filters for the production pages: quantities, money and durations for people."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import template

from batchtrack.money import format_money, format_unit_money
from inventory import units
from inventory.templatetags.inventory_format import unit_cost as inventory_unit_cost

register = template.Library()


@register.filter
def qty(value) -> str:
    """1234.500000 -> "1,234.5"; None -> "—"."""
    if value is None or value == "":
        return "—"
    return units.format_amount(Decimal(value))


@register.filter
def money(value) -> str:
    """An exact cost in the workspace's currency: 13.519999 -> "$13.52"; None -> "no cost"."""
    if value is None or value == "":
        return "no cost"
    return format_money(Decimal(value))


@register.filter
def unit_money(value) -> str:
    """A per-unit cost ("$0.0123" when cents would hide it, else "$1.32"); None -> "no cost"."""
    if value is None or value == "":
        return "no cost"
    return format_unit_money(Decimal(value))


@register.filter
def duration(value: timedelta | None) -> str:
    """timedelta -> "1 d 2 h 5 min" (seconds shown under a minute)."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    if seconds < 60:
        return f"{max(seconds, 0)} s"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [
        f"{days} d" if days else "",
        f"{hours} h" if hours else "",
        f"{minutes} min" if minutes else "",
    ]
    return " ".join(p for p in parts if p)


@register.filter
def category_rows(data: dict, category: str) -> list[tuple[str, str]]:
    """`{% for label, value in version.category_data|category_rows:recipe.category %}`."""
    from recipes.categories import labelled

    return labelled(category, data or {})


# The same cost-per-purchase-unit filter the inventory pages use, for production pages.
register.filter("unit_cost", inventory_unit_cost)
