"""Which costing method is in force, and the cost of stock that appears without a purchase. Private to
`inventory.services` (the value rule itself is `_values`)."""

from __future__ import annotations

from decimal import Decimal

from inventory import units
from inventory.models import InventoryPreferences, Item, Lot


def costing_method() -> str:
    """The workspace's costing method: "fifo" (default) or "average". Read it after locking the items
    a change touches: switching methods locks them too, so the two never interleave."""
    prefs = InventoryPreferences.objects.filter(pk=1).only("costing_method").first()
    return prefs.costing_method if prefs else InventoryPreferences.CostingMethod.FIFO


def uses_average(method: str | None = None) -> bool:
    return (method or costing_method()) == InventoryPreferences.CostingMethod.AVERAGE


def replacement_cost(item: Item) -> Decimal:
    """Cost per stock unit for stock that appears without a purchase (recount up, returns without a
    source): the average of what is on hand, else the cost of the newest lot, else zero."""
    average = item.average_cost
    if average is not None:
        return units.to_storage(average)
    newest = (
        Lot.objects.filter(item_id=item.pk)
        .order_by("-received_at", "-id")
        .values_list("unit_cost", flat=True)
        .first()
    )
    return newest if newest is not None else Decimal("0")
