"""Cell values for exported files: formula injection neutralised, numbers exact.

Spreadsheet programs treat a text cell that starts with =, +, -, @ (or a tab or carriage return,
which some of them strip first) as a formula. Every text cell that starts with one of those gets a
single quote in front, in CSV and XLSX alike, so "=HYPERLINK(...)" typed as an item name comes out as
the text "'=HYPERLINK(...)". Numbers are not text: a negative quantity stays the number -5 (a number
can't carry a formula), written as a numeric XLSX cell.

Decimals are written exactly: never in exponent form, trailing zeros dropped (12.500000 -> 12.5).
An XLSX number is a double, which holds any decimal of up to 15 significant digits exactly; a value
with more is written as text holding every digit rather than silently rounded.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_DIGITS = 15
# Control characters an XLSX file can't hold (openpyxl refuses them).
_XLSX_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def neutralise(text: str) -> str:
    """Prefix a single quote to text a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def plain_decimal(value: Decimal) -> str:
    """12.500000 -> "12.5", 1E+2 -> "100", -0 -> "0": exact, no exponent."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _local(value: datetime, zone: ZoneInfo) -> datetime:
    return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value


def csv_cell(value: object, zone: ZoneInfo) -> str:
    """A value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return _local(value, zone).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def xlsx_cell(value: object, zone: ZoneInfo) -> object:
    """A value for an XLSX cell: numbers stay numbers, times become local (Excel has no zones)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        exact = value.normalize()
        if len(exact.as_tuple().digits) > XLSX_MAX_DIGITS:
            return plain_decimal(value)
        if exact == exact.to_integral_value() and abs(exact) < 10**XLSX_MAX_DIGITS:
            return int(exact)
        return exact
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return _local(value, zone)
    if isinstance(value, date):
        return value
    return neutralise(_XLSX_ILLEGAL.sub("", str(value)))
