"""Money and quantities for the inventory pages: `{% load inventory_format %}`.

Money shows 2 decimals with "$" ("$1,234.50", "-$5.00"). A cost per unit under a dollar that is not a
whole number of cents keeps 4 decimals ("$0.0123/g"), or 6 under a hundredth of a cent ("$0.000040/g"),
where cents alone would read $0.01 or $0.00.
Quantities drop trailing zeros ("0.5", "1,250") through `inventory.display.format_amount`; a form
input's value uses `input_qty`, the exact amount ("1.2345", never the displayed "1.235").
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

from inventory import units
from inventory.display import format_amount, input_amount

register = template.Library()

CURRENCY = "$"
_FINE = Decimal("0.0001")
_FINEST = Decimal("0.000001")


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_money(value: Decimal) -> str:
    cents = units.money(value)
    sign = "-" if cents < 0 else ""
    return f"{sign}{CURRENCY}{abs(cents):,.2f}"


def format_unit_money(value: Decimal) -> str:
    if value == 0 or abs(value) >= 1 or units.money(value) == value:
        return format_money(value)
    places = _FINE if abs(value) >= _FINE else _FINEST
    fine = value.quantize(places, rounding=ROUND_HALF_UP)
    sign = "-" if fine < 0 else ""
    return f"{sign}{CURRENCY}{abs(fine):,f}"


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
