"""Why stock on the shelf can't be used now: how much is curing (until which day), past its
best-before date, or held for orders. A read for error messages (`Shortfall.held`); which lots are
usable is `inventory.lot_rules`' rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from inventory.errors import HeldStock
from inventory.lot_rules import unusable_lots_q
from inventory.models import Lot


def held_stock(
    item_id: int,
    *,
    now: datetime,
    reserved: Decimal = Decimal("0"),
    to_unit: Callable[[Decimal], Decimal] = lambda amount: amount,
) -> tuple[HeldStock, ...]:
    """The item's stock that can't be used at `now`, by reason: curing (one entry per day the cure
    ends, soonest first, with its lots), expired, and `reserved` (held for orders); quantities
    converted by `to_unit` from the stock unit to the caller's."""
    rows = (
        Lot.objects.filter(unusable_lots_q(now), item_id=item_id, quantity_remaining__gt=0)
        .order_by("hold_until", "id")
        .values_list("pk", "quantity_remaining", "expires_at", "hold_until")
    )
    curing: dict[object, list] = {}
    expired = Decimal("0")
    for pk, quantity, expires_at, hold_until in rows:
        if expires_at is not None and expires_at <= now:
            expired += quantity
            continue
        day = timezone.localdate(hold_until)
        entry = curing.setdefault(day, [Decimal("0"), hold_until, []])
        entry[0] += quantity
        entry[1] = max(entry[1], hold_until)
        entry[2].append(pk)
    held = [
        HeldStock(HeldStock.CURING, to_unit(quantity), until, tuple(lots))
        for quantity, until, lots in curing.values()
    ]
    if expired:
        held.append(HeldStock(HeldStock.EXPIRED, to_unit(expired)))
    if reserved > 0:
        held.append(HeldStock(HeldStock.RESERVED, to_unit(reserved)))
    return tuple(held)
