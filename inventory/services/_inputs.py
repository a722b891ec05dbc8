"""Reading a service's arguments: items by object or id, (type, id) references, consumption lines and
aware datetimes. Private to `inventory.services`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from inventory.errors import InvalidDate, ItemNotFound
from inventory.models import Item

Reference = tuple[str, int]


@dataclass(frozen=True)
class ConsumeLine:
    """`quantity` of `item` in `unit` (None: the item's stock unit)."""

    item: Item | int
    quantity: Decimal | int | str
    unit: str | None = None


LineLike = ConsumeLine | tuple


def as_line(line: LineLike) -> ConsumeLine:
    """A ConsumeLine from itself or from an (item, quantity[, unit]) tuple."""
    return line if isinstance(line, ConsumeLine) else ConsumeLine(*line)


def item_pk(item: Item | int) -> int:
    if isinstance(item, Item):
        if item.pk is None:
            raise ItemNotFound("That item hasn't been saved yet.")
        return item.pk
    if isinstance(item, bool) or not isinstance(item, int):
        raise TypeError(f"Expected an Item or an item id, got {type(item).__name__}.")
    return item


def reference_parts(reference: Reference | None) -> tuple[str, int | None]:
    if reference is None:
        return "", None
    try:
        kind, ref_id = reference
    except (TypeError, ValueError):
        raise TypeError("A reference is a (type, id) pair such as ('batch', 42).")
    if not isinstance(kind, str) or not kind.strip() or len(kind) > 40:
        raise TypeError("A reference type is a non-empty string of at most 40 characters.")
    if isinstance(ref_id, bool) or not isinstance(ref_id, int):
        raise TypeError("A reference id is an integer.")
    return kind.strip(), ref_id


def aware(value: datetime | None, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise InvalidDate(f"Give {field.replace('_', ' ')} as a date and time.", field=field)
    if timezone.is_naive(value):
        raise InvalidDate(f"{field.replace('_', ' ').capitalize()} needs a time zone.", field=field)
    return value
