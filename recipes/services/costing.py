"""Cost estimates for a batch before it runs, two ways:

- FIFO: what consuming now would cost, lot by lot, oldest usable lots first (what `start` will charge
  under FIFO costing);
- average: the weighted average cost of the stock on hand.

A line whose cost is unknown (no stock to cost it from, or an untracked item with no cost set) is
reported as such and left out of the totals, which are then marked incomplete: it is never counted
as zero. Reads only; nothing is locked or written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from inventory import units
from inventory.lot_rules import usable_lots_q
from inventory.models import Item, Lot
from recipes.models import RecipeVersion
from recipes.services.scaling import ScaledRecipe, scale_version

ZERO = Decimal("0")


@dataclass(frozen=True)
class CostLine:
    """What to cost: `stock_quantity` of `item` (in its stock unit)."""

    item: Item
    stock_quantity: Decimal
    label: str = ""


@dataclass(frozen=True)
class LineCost:
    line: CostLine
    fifo_cost: Decimal | None  # exact; None when no lot can cost any of it
    fifo_quantity: Decimal  # how much of the line FIFO could cost (the usable, unreserved stock)
    average_cost: Decimal | None
    note: str = ""

    @property
    def fifo_complete(self) -> bool:
        return self.fifo_cost is not None and self.fifo_quantity >= self.line.stock_quantity

    @property
    def short_by(self) -> Decimal:
        return max(self.line.stock_quantity - self.fifo_quantity, ZERO)


@dataclass(frozen=True)
class CostEstimate:
    lines: tuple[LineCost, ...]
    yield_quantity: Decimal
    yield_unit: str
    fifo_total: Decimal  # sum of what could be costed
    fifo_complete: bool
    average_total: Decimal
    average_complete: bool

    @property
    def fifo_per_unit(self) -> Decimal:
        with units.arithmetic():
            return self.fifo_total / self.yield_quantity

    @property
    def average_per_unit(self) -> Decimal:
        with units.arithmetic():
            return self.average_total / self.yield_quantity

    @property
    def uncosted(self) -> tuple[LineCost, ...]:
        return tuple(
            line for line in self.lines if not line.fifo_complete or line.average_cost is None
        )


def estimate_cost(
    *,
    version: RecipeVersion,
    factor: Decimal | int | str = 1,
    scaled: ScaledRecipe | None = None,
) -> CostEstimate:
    """Cost of one batch of `version` at `factor` (or of an already scaled recipe), per batch and
    per yield unit. Raises InvalidScale."""
    scaled = scaled or scale_version(version=version, factor=factor)
    lines = [
        CostLine(item=line.item, stock_quantity=line.stock_quantity, label=line.item.name)
        for line in scaled.lines
    ]
    return estimate_lines(
        lines=lines, yield_quantity=scaled.yield_quantity, yield_unit=scaled.yield_unit
    )


def estimate_lines(
    *, lines: Sequence[CostLine], yield_quantity: Decimal, yield_unit: str
) -> CostEstimate:
    """Cost arbitrary lines (a recipe at a scale, a batch plan) from the lots on hand now.

    One query whatever the number of lines: the usable lots (on-hand averages come from the lines'
    items), nothing per line. Lines of the same item draw from the same lots in order, as consume does.
    """
    now = timezone.now()
    tracked_ids = {line.item.pk for line in lines if line.item.is_tracked}
    usable = (
        Lot.objects.filter(item_id__in=tracked_ids, quantity_remaining__gt=0)
        .filter(usable_lots_q(now))
        .order_by("item_id", "received_at", "id")
        .values_list("item_id", "quantity_remaining", "unit_cost")
    )
    queues: dict[int, list[list[Decimal]]] = defaultdict(list)
    for item_id, remaining, cost in usable:
        queues[item_id].append([remaining, cost])
    # The lines' items were read with this request (their reserved stock counts below too), so
    # their on-hand value gives the average without reading them again.
    averages = {
        line.item.pk: line.item.average_cost
        for line in lines
        if line.item.is_tracked and line.item.average_cost is not None
    }
    # Stock reserved for others is not available to this batch (consume refuses it too).
    free = {
        line.item.pk: sum((lot[0] for lot in queues[line.item.pk]), ZERO) - line.item.reserved
        for line in lines
        if line.item.is_tracked
    }

    costs: list[LineCost] = []
    with units.arithmetic():
        for line in lines:
            costs.append(_line_cost(line, queues, free, averages))
        fifo_total = sum((c.fifo_cost for c in costs if c.fifo_cost is not None), ZERO)
        average_total = sum((c.average_cost for c in costs if c.average_cost is not None), ZERO)
    return CostEstimate(
        lines=tuple(costs),
        yield_quantity=yield_quantity,
        yield_unit=yield_unit,
        fifo_total=fifo_total,
        fifo_complete=all(c.fifo_complete for c in costs),
        average_total=average_total,
        average_complete=all(c.average_cost is not None for c in costs),
    )


def _line_cost(line: CostLine, queues, free, averages) -> LineCost:
    item = line.item
    need = line.stock_quantity
    if not item.is_tracked:
        if item.untracked_unit_cost > 0:
            cost = need * item.untracked_unit_cost
            return LineCost(line, cost, need, cost, "Not stock-tracked: costed at its set cost.")
        return LineCost(line, None, ZERO, None, "Not stock-tracked and no cost set.")
    take_total = min(need, max(free[item.pk], ZERO))
    free[item.pk] -= take_total
    remaining, cost = take_total, ZERO
    queue = queues[item.pk]
    while remaining > 0 and queue:
        lot = queue[0]
        take = min(remaining, lot[0])
        cost += take * lot[1]
        lot[0] -= take
        remaining -= take
        if lot[0] == 0:
            queue.pop(0)
    average = need * averages[item.pk] if item.pk in averages else None
    if take_total == 0:
        note = "No stock ready to use to cost it from."
        return LineCost(
            line,
            None,
            ZERO,
            average,
            note if average is None else note + " Average of stock on hand shown.",
        )
    note = "" if take_total >= need else "Only part is ready to use; the rest has no cost yet."
    return LineCost(line, cost, take_total, average, note)
