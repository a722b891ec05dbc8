"""Planning from stock, for a recipe: how many batches the stock allows now, and what to buy for N.

Both come from one call of inventory's `check_stock` (usable, unreserved stock) with one line per item,
the recipe's lines of the same item added up; `plan` gives both from that one check. Reads only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.db.models import OuterRef, Subquery

from inventory import units
from inventory.models import Item, Lot
from inventory.services import ConsumeLine, StockStatus, check_stock
from recipes.services.scaling import ScaledRecipe

ZERO = Decimal("0")


@dataclass(frozen=True)
class ItemNeed:
    item: Item
    per_batch: Decimal  # stock unit, at the planned scale
    available: Decimal | None  # usable and unreserved now; None for untracked items
    error: str = ""

    @property
    def batches(self) -> int | None:
        """Whole batches this item alone allows (None: not limiting)."""
        if self.available is None or self.error:
            return None
        return int((self.available / self.per_batch).to_integral_value(rounding=ROUND_FLOOR))


@dataclass(frozen=True)
class Capacity:
    needs: tuple[ItemNeed, ...]
    max_batches: int  # 0 when any line can't be checked
    limiting: tuple[ItemNeed, ...]


@dataclass(frozen=True)
class ShoppingLine:
    item: Item
    needed: Decimal  # stock unit, for all N batches
    available: Decimal
    to_buy: Decimal
    last_unit_cost: Decimal | None  # per stock unit, from the newest lot

    @property
    def estimated_cost(self) -> Decimal | None:
        if self.last_unit_cost is None:
            return None
        with units.arithmetic():
            return self.to_buy * self.last_unit_cost


def _needs_per_item(scaled: ScaledRecipe) -> dict[int, tuple[Item, Decimal]]:
    needs: dict[int, tuple[Item, Decimal]] = {}
    for line in scaled.lines:
        item, total = needs.get(line.item.pk, (line.item, ZERO))
        needs[line.item.pk] = (item, total + line.stock_quantity)
    return needs


def _item_needs(scaled: ScaledRecipe) -> tuple[ItemNeed, ...]:
    """One stock check for the whole recipe: each item's need per batch and what is free now."""
    needs = _needs_per_item(scaled)
    checked_lines = check_stock(
        lines=[ConsumeLine(pk, quantity) for pk, (_item, quantity) in needs.items()]
    ).lines
    rows: list[ItemNeed] = []
    for (item, per_batch), checked in zip(needs.values(), checked_lines, strict=True):
        if checked.status == StockStatus.ERROR:
            rows.append(ItemNeed(item, per_batch, None, checked.message))
        elif not checked.tracked:
            rows.append(ItemNeed(item, per_batch, None))
        else:
            rows.append(ItemNeed(item, per_batch, checked.available))
    return tuple(rows)


def _capacity(rows: tuple[ItemNeed, ...]) -> Capacity:
    if any(row.error for row in rows):
        return Capacity(rows, 0, tuple(row for row in rows if row.error))
    counts = [row.batches for row in rows if row.batches is not None]
    best = min(counts) if counts else 0
    limiting = tuple(row for row in rows if row.batches is not None and row.batches == best)
    return Capacity(rows, best, limiting)


def _shopping(rows: tuple[ItemNeed, ...], batches: int) -> tuple[ShoppingLine, ...]:
    short = [
        (row, row.per_batch * batches)
        for row in rows
        if row.available is not None and not row.error and row.per_batch * batches > row.available
    ]
    if not short:
        return ()
    newest = (
        Lot.objects.filter(item=OuterRef("pk"))
        .order_by("-received_at", "-id")
        .values("unit_cost")[:1]
    )
    costs = dict(
        Item.objects.filter(pk__in=[row.item.pk for row, _needed in short])
        .annotate(last_cost=Subquery(newest))
        .values_list("pk", "last_cost")
    )
    return tuple(
        ShoppingLine(
            item=row.item,
            needed=needed,
            available=row.available,
            to_buy=needed - row.available,
            last_unit_cost=costs.get(row.item.pk),
        )
        for row, needed in short
    )


def capacity(scaled: ScaledRecipe) -> Capacity:
    """How many whole batches of `scaled` the usable, unreserved stock allows right now."""
    return _capacity(_item_needs(scaled))


def shopping_list(scaled: ScaledRecipe, batches: int) -> tuple[ShoppingLine, ...]:
    """What to buy (in each item's stock unit) to make `batches` batches of `scaled`, with an
    estimate from each item's newest lot cost. Items already covered are left out."""
    return _shopping(_item_needs(scaled), batches)


def plan(scaled: ScaledRecipe, batches: int) -> tuple[Capacity, tuple[ShoppingLine, ...]]:
    """Capacity and the shopping list for `batches` batches, from a single stock check."""
    rows = _item_needs(scaled)
    return _capacity(rows), _shopping(rows, batches)


def shopping_total(lines: Sequence[ShoppingLine]) -> tuple[Decimal, bool]:
    """Estimated spend, and whether every line had a cost to estimate from."""
    known = [line.estimated_cost for line in lines if line.estimated_cost is not None]
    return sum(known, ZERO), len(known) == len(lines)
