"""What the stock services return: small frozen dataclasses, quantities in the item's stock unit and
costs exact (round with `inventory.units.money` only to show or report them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from inventory import units


@dataclass(frozen=True)
class Draw:
    """Stock taken from one lot (lot_id None for an untracked item) by one ledger movement."""

    movement_id: int
    lot_id: int | None
    quantity: Decimal  # positive, stock unit
    unit_cost: Decimal  # per stock unit, as charged (lot cost or average), to 6 decimals
    value: Decimal  # positive, exact: what the draw charged

    @property
    def cost(self) -> Decimal:
        return self.value


@dataclass(frozen=True)
class ConsumeResult:
    """One consumed line: the draws in FIFO order and what they cost."""

    item_id: int
    quantity: Decimal  # positive, stock unit
    stock_unit: str
    draws: tuple[Draw, ...]
    total_cost: Decimal
    operation_id: uuid.UUID
    tracked: bool = True

    @property
    def cost(self) -> Decimal:
        """Total cost in cents (half up), for display."""
        return units.money(self.total_cost)

    @property
    def unit_cost(self) -> Decimal:
        """Average cost per stock unit of this consumption (exact)."""
        with units.arithmetic():
            return self.total_cost / self.quantity


@dataclass(frozen=True)
class MovementLine:
    """One ledger row written by an adjustment or a restore."""

    movement_id: int
    item_id: int
    lot_id: int | None
    quantity: Decimal  # signed, stock unit
    unit_cost: Decimal  # to 6 decimals, for reading
    value: Decimal  # signed, exact: the money this row moved


def movement_lines(movements) -> tuple[MovementLine, ...]:
    """The ledger rows a service wrote, as its result reports them."""
    return tuple(
        MovementLine(
            movement_id=m.pk,
            item_id=m.item_id,
            lot_id=m.lot_id,
            quantity=m.quantity,
            unit_cost=m.unit_cost,
            value=m.value,
        )
        for m in movements
    )


@dataclass(frozen=True)
class AdjustResult:
    item_id: int
    kind: str
    quantity_change: Decimal  # signed, stock unit; 0 when a recount found nothing to change
    stock_unit: str
    movements: tuple[MovementLine, ...]
    lot_id: int | None  # the lot created by a recount up or a return
    value_change: Decimal  # signed money value of the movements (exact)
    operation_id: uuid.UUID | None


@dataclass(frozen=True)
class RestoreResult:
    reference: tuple[str, int]
    movements: tuple[MovementLine, ...]
    total_cost: Decimal  # value put back on the shelves (exact)
    operation_id: uuid.UUID
