"""Costing: the weighted average cost and value of stock on hand, and the workspace's costing method.

Valuation always uses the lots' own costs: value = sum(remaining x lot unit cost), average = value /
on hand. The costing method only decides what a consumption is charged: FIFO (default) charges each lot
drawn at its own cost; average charges every draw at the item's weighted average at that moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum

from inventory import units
from inventory.models import InventoryPreferences, Item, Lot
from inventory.services._common import item_pk


@dataclass(frozen=True)
class ItemValuation:
    item_id: int
    on_hand: Decimal  # stock unit
    average_unit_cost: Decimal | None  # per stock unit, exact; None without stock
    value: Decimal  # exact; `units.money(value)` to show it

    @property
    def value_display(self) -> Decimal:
        return units.money(self.value)


def valuations(items: Iterable[Item | int]) -> dict[int, ItemValuation]:
    """Valuation of several items in one query."""
    ids = [item_pk(item) for item in items]
    rows = {
        row["item_id"]: row
        for row in Lot.objects.filter(item_id__in=ids, quantity_remaining__gt=0)
        .values("item_id")
        .annotate(
            qty=Sum("quantity_remaining"), value=Sum(F("quantity_remaining") * F("unit_cost"))
        )
    }
    result = {}
    with units.arithmetic():
        for pk in ids:
            row = rows.get(pk)
            if row is None or not row["qty"]:
                result[pk] = ItemValuation(pk, Decimal("0"), None, Decimal("0"))
            else:
                result[pk] = ItemValuation(pk, row["qty"], row["value"] / row["qty"], row["value"])
    return result


def item_valuation(item: Item | int) -> ItemValuation:
    return valuations([item])[item_pk(item)]


def weighted_average_cost(item: Item | int) -> Decimal | None:
    """Cost per stock unit of the stock on hand, weighted by quantity (exact); None without stock."""
    return item_valuation(item).average_unit_cost


def stock_value(item: Item | int) -> Decimal:
    """Value of the stock on hand at the lots' costs (exact)."""
    return item_valuation(item).value


def costing_method() -> str:
    """The workspace's costing method for consumption: "fifo" (default) or "average"."""
    prefs = InventoryPreferences.objects.filter(pk=1).first()
    return prefs.costing_method if prefs else InventoryPreferences.CostingMethod.FIFO


def set_costing_method(*, method: str) -> InventoryPreferences:
    """Choose FIFO or average costing for future consumption (past movements keep their costs)."""
    from inventory.services.preferences import update_preferences

    return update_preferences(costing_method=method)
