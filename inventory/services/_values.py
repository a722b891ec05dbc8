"""How much money each stock movement moves: one rule for every inventory service (pure, no database).

An item's stock value is the sum of its stock-affecting ledger values. Under FIFO every movement moves
its lot's cost (quantity x lot cost, exact at 12 decimals), so the stock value always equals the open
lots' value. Under average costing the stock value is a pool (a perpetual moving average): a receipt
adds what it cost, and every draw takes its exact share of the pool (value x quantity / on hand), the
draw that empties the item taking whatever is left, so what was paid in minus what was charged out is
the value on hand at every moment, to the last digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from inventory import units

VALUE_PLACES = Decimal("0.000000000001")


def to_value(amount: Decimal) -> Decimal:
    """`amount` at the ledger's value precision (12 decimals)."""
    with units.arithmetic():
        return amount.quantize(VALUE_PLACES, rounding=ROUND_HALF_UP)


def unit_cost_of(value: Decimal, quantity: Decimal) -> Decimal:
    """Cost of one stock unit of a movement, to 6 decimals, for reading (the value is the truth)."""
    if quantity == 0:
        return Decimal("0")
    with units.arithmetic():
        return units.to_storage(abs(value / quantity))


@dataclass
class StockPool:
    """One item's on hand and stock value while a service call changes it."""

    on_hand: Decimal
    value: Decimal
    average: bool

    def take(self, quantity: Decimal, lot_cost: Decimal) -> Decimal:
        """The (positive) value `quantity` takes out: its lot's cost under FIFO, its share of the
        pool under average costing."""
        if not self.average:
            value = quantity * lot_cost
        elif quantity >= self.on_hand:
            value = self.value
        else:
            with units.arithmetic():
                value = to_value(self.value * quantity / self.on_hand)
        self.on_hand -= quantity
        self.value -= value
        return value

    def put(self, quantity: Decimal, lot_cost: Decimal, *, at_average: bool = False) -> Decimal:
        """The value `quantity` brings in at `lot_cost` per unit; `at_average`: stock that appears
        without a price of its own (found in a recount) comes in at the pool's average under average
        costing, so the average does not move."""
        if self.average and at_average and self.on_hand > 0:
            with units.arithmetic():
                value = to_value(self.value * quantity / self.on_hand)
        else:
            value = quantity * lot_cost
        self.on_hand += quantity
        self.value += value
        return value

    def give_back(self, quantity: Decimal, lot_cost: Decimal, charged: Decimal) -> Decimal:
        """The value stock returned to the lot it left brings back: the lot's cost under FIFO (the
        lots must keep adding up to the value), what it was `charged` under average costing."""
        value = charged if self.average else quantity * lot_cost
        self.on_hand += quantity
        self.value += value
        return value

    def charged_cost(self, value: Decimal, quantity: Decimal, lot_cost: Decimal) -> Decimal:
        """The unit cost a movement shows: the lot's under FIFO, the value's under average."""
        return unit_cost_of(value, quantity) if self.average else lot_cost
