"""Production planning reads: how many batches of a recipe the stock allows now, and what to buy for N.

Both ask inventory's `check_stock` (usable, unreserved stock) with one line per item, the recipe's lines
of the same item added up. Reads only.
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


def _check(needs: dict[int, tuple[Item, Decimal]], times: int):
    return check_stock(
        lines=[ConsumeLine(pk, quantity * times) for pk, (_item, quantity) in needs.items()]
    ).lines


def capacity(scaled: ScaledRecipe) -> Capacity:
    """How many whole batches of `scaled` the usable, unreserved stock allows right now."""
    needs = _needs_per_item(scaled)
    rows: list[ItemNeed] = []
    for (item, per_batch), checked in zip(needs.values(), _check(needs, 1), strict=True):
        if checked.status == StockStatus.ERROR:
            rows.append(ItemNeed(item, per_batch, None, checked.message))
        elif not checked.tracked:
            rows.append(ItemNeed(item, per_batch, None))
        else:
            rows.append(ItemNeed(item, per_batch, checked.available))
    if any(row.error for row in rows):
        return Capacity(tuple(rows), 0, tuple(row for row in rows if row.error))
    counts = [row.batches for row in rows if row.batches is not None]
    best = min(counts) if counts else 0
    limiting = tuple(row for row in rows if row.batches is not None and row.batches == best)
    return Capacity(tuple(rows), best, limiting)


def shopping_list(scaled: ScaledRecipe, batches: int) -> tuple[ShoppingLine, ...]:
    """What to buy (in each item's stock unit) to make `batches` batches of `scaled`, with an
    estimate from each item's newest lot cost. Items already covered are left out."""
    needs = _needs_per_item(scaled)
    newest = (
        Lot.objects.filter(item=OuterRef("pk"))
        .order_by("-received_at", "-id")
        .values("unit_cost")[:1]
    )
    costs = dict(
        Item.objects.filter(pk__in=needs)
        .annotate(last_cost=Subquery(newest))
        .values_list("pk", "last_cost")
    )
    result: list[ShoppingLine] = []
    for (item, per_batch), checked in zip(needs.values(), _check(needs, batches), strict=True):
        if not checked.tracked or checked.status != StockStatus.SHORT:
            continue
        needed = per_batch * batches
        result.append(
            ShoppingLine(
                item=item,
                needed=needed,
                available=checked.available,
                to_buy=checked.shortfall,
                last_unit_cost=costs.get(item.pk),
            )
        )
    return tuple(result)


def shopping_total(lines: Sequence[ShoppingLine]) -> tuple[Decimal, bool]:
    """Estimated spend, and whether every line had a cost to estimate from."""
    known = [line.estimated_cost for line in lines if line.estimated_cost is not None]
    return sum(known, ZERO), len(known) == len(lines)
