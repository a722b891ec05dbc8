"""Money and quantities on maker pages: `{% load inventory_format %}`.

Money is `batchtrack.money`'s one format, in the workspace's currency ("$1,234.50", "-€5.00"); a
cost per unit that cents would hide keeps 4 or 6 decimals ("$0.0123"). `unit_cost` shows an item's
cost per the unit the maker buys it in ("$9.00/kg", not "$0.0090/g").
Quantities drop trailing zeros ("0.5", "1,250") through `inventory.display.format_amount`; a form
input's value uses `input_qty`, the exact amount ("1.2345", never the displayed "1.235").
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from batchtrack.money import currency_symbol as money_symbol
from batchtrack.money import format_money, format_unit_cost, format_unit_money
from inventory.display import format_amount, input_amount

register = template.Library()

__all__ = ["format_money", "format_unit_money"]


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def money(value) -> str:
    """12.5 -> "$12.50"; None -> "—"."""
    amount = _decimal(value)
    return "—" if amount is None else format_money(amount)


@register.filter
def unit_money(value) -> str:
    """A cost per unit: "$10.00", or "$0.0123" when cents would hide it; None -> "—"."""
    amount = _decimal(value)
    return "—" if amount is None else format_unit_money(amount)


@register.filter
def unit_cost(value, item) -> str:
    """A cost per stock unit of `item` (an Item, or anything with its stock_unit, purchase_unit and
    density_g_per_ml) per the unit it is bought in: `{{ lot.unit_cost|unit_cost:item }}` ->
    "$9.00/kg"; None -> "—"."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    if item is None or item == "":
        return format_unit_money(amount)
    purchase_unit = getattr(item, "purchase_unit", "") or ""
    return format_unit_cost(
        amount,
        stock_unit=item.stock_unit,
        purchase_unit=purchase_unit,
        density=getattr(item, "density_g_per_ml", None),
        custom_units=_custom_units(item, purchase_unit),
    )


def _custom_units(item, purchase_unit: str) -> list:
    """The workspace's custom units when the purchase unit is one, read once per item object."""
    from inventory import units
    from inventory.models import CustomUnit

    if not purchase_unit or units.is_standard_unit(purchase_unit):
        return []
    cached = getattr(item, "_custom_unit_defs", None)
    if cached is None:
        cached = [unit.as_definition() for unit in CustomUnit.objects.all()]
        try:
            item._custom_unit_defs = cached
        except AttributeError:
            pass
    return cached


@register.filter
def qty(value) -> str:
    """1250.500000 -> "1,250.5"; None -> "—"."""
    amount = _decimal(value)
    return "—" if amount is None else format_amount(amount)


@register.filter
def input_qty(value) -> str:
    """An amount as a form input's value, exact and without separators: 1.234500 -> "1.2345";
    None -> ""."""
    amount = _decimal(value)
    return "" if amount is None else input_amount(amount)


@register.filter
def signed_qty(value) -> str:
    """A ledger quantity with its sign: "+500", "-90"."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    return f"+{format_amount(amount)}" if amount > 0 else format_amount(amount)


@register.simple_tag
def currency_symbol() -> str:
    """The workspace's currency symbol, for a label over amounts typed in: "Cost (€)"."""
    return money_symbol()
