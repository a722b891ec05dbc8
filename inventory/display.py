"""Quantities as people read them, and as form inputs hold them: pure functions, no database.

Two rules, kept apart on purpose:
- `format_amount` / `format_quantity` are for reading: thousands separators, at most 3 decimals (6
  below 1), so "1,250.5 g" and "0.000125 g".
- `input_amount` is for a form input's value: the exact stored amount, never rounded, with no
  separators, so a yield of 1.2345 comes back as "1.2345" and saving the form unchanged changes
  nothing.
Inventory's errors build their messages with these; templates use them through `inventory_format`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def format_amount(value: Decimal) -> str:
    """A quantity for people: no exponent, no trailing zeros, at most 3 decimals (6 below 1)."""
    places = Decimal("0.001") if abs(value) >= 1 else Decimal("0.000001")
    exponent = value.as_tuple().exponent
    too_fine = isinstance(exponent, int) and exponent < places.as_tuple().exponent
    rounded = value.quantize(places, rounding=ROUND_HALF_UP) if too_fine else value
    text = format(rounded, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_quantity(value: Decimal, unit: str) -> str:
    """ "500 g"; counted stock as pieces ("10 pieces"), never "10 each" (batchtrack.glossary's rule;
    `glossary.quantity_words` also takes the item's own count noun)."""
    from batchtrack.glossary import unit_words

    return f"{format_amount(value)} {unit_words(unit, value)}"


def input_amount(value: Decimal | None) -> str:
    """A stored amount as a form input's value, exact: 0.910000 -> "0.91", 1.234500 -> "1.2345",
    1250 -> "1250", None -> ""."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text
