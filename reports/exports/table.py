"""What every export builder returns: a title, headers and rows produced lazily, with their count.

Rows are generated while the file is written, so the task can report progress as it goes. Values are
Python values (Decimal, datetime, str, None); reports.cells turns them into CSV text or XLSX cells.

Value rules, the same for every export: quantities and costs exactly as stored; products of them
(quantity x unit cost) exact; quotients (an average cost, a cost per unit of yield) to 6 decimal
places, the precision unit costs are stored with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from inventory import units

# The days any report or export can be about: nothing was recorded before, and a later day is a typo
# (and the day after date.max does not exist). Pages clamp to them, export forms refuse outside them.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: Iterator[list]
    total: int  # how many rows `rows` yields


def quotient(numerator: Decimal, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator to 6 decimal places; None when there is nothing to divide by."""
    if not denominator:
        return None
    with units.arithmetic():
        return units.to_storage(numerator / denominator)


def product(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    """quantity x unit cost, exact (6 + 6 decimals)."""
    with units.arithmetic():
        return quantity * unit_cost


def within_reach(day: date) -> date:
    """`day` moved into [FIRST_DAY, LAST_DAY]."""
    return min(max(day, FIRST_DAY), LAST_DAY)


def day_bounds(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in the zone, as aware datetimes."""
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )
