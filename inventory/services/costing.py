"""Costing: the value and average cost of stock on hand, and switching the workspace's costing method.

The value of an item's stock is `Item.stock_value`, kept by every stock service in the same statement
as on hand (see `_values`): under FIFO it equals the open lots' remaining x their own costs; under
average costing it is the moving-average pool. Either way, what was paid in minus what was charged out
(the ledger's values) equals it at every moment, and `inventory.selectors.books_imbalances` checks so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from inventory import units
from inventory.errors import InventoryError
from inventory.models import InventoryPreferences, Item, Lot, Movement
from inventory.services._inputs import item_pk
from inventory.services._pricing import costing_method
from inventory.services._values import to_value
from inventory.services._writes import new_operation

__all__ = [
    "ItemValuation",
    "costing_method",
    "item_valuation",
    "set_costing_method",
    "stock_value",
    "valuations",
    "weighted_average_cost",
]


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
    """Valuation of several items in one query (by the workspace's costing method)."""
    ids = [item_pk(item) for item in items]
    found = Item.objects.filter(pk__in=ids).only("pk", "on_hand", "stock_value").in_bulk()
    result = {}
    for pk in ids:
        row = found.get(pk)
        if row is None:
            result[pk] = ItemValuation(pk, Decimal("0"), None, Decimal("0"))
        else:
            result[pk] = ItemValuation(pk, row.on_hand, row.average_cost, row.stock_value)
    return result


def item_valuation(item: Item | int) -> ItemValuation:
    return valuations([item])[item_pk(item)]


def weighted_average_cost(item: Item | int) -> Decimal | None:
    """Cost per stock unit of the stock on hand (exact); None without stock."""
    return item_valuation(item).average_unit_cost


def stock_value(item: Item | int) -> Decimal:
    """Value of the stock on hand (exact)."""
    return item_valuation(item).value


def require_costing_method(method: str) -> None:
    """Raises InventoryError (INVALID_PREFERENCE) unless `method` is FIFO or average."""
    if method not in InventoryPreferences.CostingMethod.values:
        raise InventoryError(
            "Choose oldest-first or average costing.",
            code="INVALID_PREFERENCE",
            field="costing_method",
        )


def set_costing_method(*, method: str, actor_id: int | None = None) -> InventoryPreferences:
    """Choose FIFO or average costing from now on; past movements keep what they were charged.

    The stock on hand is carried at its value at the switch. Into average costing nothing changes
    (the value already is the pool). Into FIFO each item's open lots take the average cost, so the lots
    again add up to the value; where 6-decimal unit costs can't carry it exactly, one REVALUE ledger row
    records the difference (a fraction of a cent), keeping the books identity exact.

    Locks the preferences row, then every tracked item holding stock (ascending id), so no stock change
    interleaves with the switch. Raises InventoryError (INVALID_PREFERENCE) for an unknown method.
    """
    require_costing_method(method)
    with transaction.atomic():
        prefs, _ = InventoryPreferences.objects.select_for_update().get_or_create(pk=1)
        if prefs.costing_method != method and method == InventoryPreferences.CostingMethod.FIFO:
            _carry_average_into_lots(actor_id)
        prefs.costing_method = method
        prefs.updated_at = timezone.now()
        prefs.save()
    return prefs


def _carry_average_into_lots(actor_id: int | None) -> None:
    items = list(
        Item.objects.select_for_update()
        .filter(is_tracked=True, on_hand__gt=0)
        .order_by("pk")
        .only("pk", "on_hand", "stock_value")
    )
    operation = new_operation()
    now = timezone.now()
    revaluations = []
    for item in items:
        with units.arithmetic():
            cost = units.to_storage(item.stock_value / item.on_hand)
        Lot.objects.filter(item_id=item.pk, quantity_remaining__gt=0).update(unit_cost=cost)
        difference = to_value(item.on_hand * cost - item.stock_value)
        if difference:
            revaluations.append(
                Movement(
                    item_id=item.pk,
                    kind=Movement.Kind.REVALUE,
                    quantity=Decimal("0"),
                    unit_cost=Decimal("0"),
                    value=difference,
                    actor_id=actor_id,
                    note="Switched to FIFO: the average cost carried into the lots on hand",
                    operation_id=operation,
                    created_at=now,
                )
            )
            Item.objects.filter(pk=item.pk).update(stock_value=item.stock_value + difference)
    Movement.objects.bulk_create(revaluations)
