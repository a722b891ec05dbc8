"""A recipe's cost in words, by one costing method: pure functions over a `CostEstimate`.

A recipe page shows one cost per unit, by the workspace's costing method, and the other method
behind "details". A cost that misses something says so in words, never with a mark:
"$0.98 per bar so far; 100 g of olive oil has no cost yet".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from batchtrack.glossary import COSTING_METHODS, quantity_words
from batchtrack.money import format_money, format_unit_money
from recipes.services.costing import CostEstimate, LineCost

FIFO, AVERAGE = "fifo", "average"


@dataclass(frozen=True)
class Missing:
    quantity: Decimal  # in the item's stock unit
    unit: str
    count_noun: str
    item_name: str

    def words(self) -> str:
        return f"{quantity_words(self.quantity, self.unit, self.count_noun)} of {self.item_name}"


@dataclass(frozen=True)
class MethodCost:
    method: str  # "fifo" or "average"
    total: Decimal  # of what could be costed
    per_unit: Decimal
    missing: tuple[Missing, ...]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def method_words(self) -> str:
        return COSTING_METHODS[self.method]

    def sentence(self, per: str) -> str:
        """ "$0.98 per bar", or "$0.98 per bar so far; 100 g of olive oil has no cost yet"."""
        text = f"{format_unit_money(self.per_unit)} per {per}"
        return text + self._so_far()

    def total_sentence(self) -> str:
        return format_money(self.total) + self._so_far()

    def _so_far(self) -> str:
        if not self.missing:
            return ""
        names = [m.words() for m in self.missing]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "has" if len(names) == 1 else "have"
        return f" so far; {listed} {verb} no cost yet"


def line_cost(line: LineCost, method: str) -> tuple[Decimal | None, Decimal]:
    """One recipe ingredient's cost by `method`, and how much of it has no cost yet."""
    if method == AVERAGE:
        cost = line.average_cost
        return cost, (line.line.stock_quantity if cost is None else Decimal("0"))
    return line.fifo_cost, line.short_by


def method_cost(estimate: CostEstimate, method: str) -> MethodCost:
    missing = []
    for line in estimate.lines:
        _cost, short = line_cost(line, method)
        if short > 0:
            item = line.line.item
            missing.append(Missing(short, item.stock_unit, item.count_noun, item.name))
    if method == AVERAGE:
        total, per_unit = estimate.average_total, estimate.average_per_unit
    else:
        total, per_unit = estimate.fifo_total, estimate.fifo_per_unit
    return MethodCost(method=method, total=total, per_unit=per_unit, missing=tuple(missing))


def both_methods(estimate: CostEstimate, method: str) -> tuple[MethodCost, MethodCost]:
    """The cost by the workspace's `method` first, then by the other one."""
    other = AVERAGE if method == FIFO else FIFO
    return method_cost(estimate, method), method_cost(estimate, other)
