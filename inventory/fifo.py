"""The FIFO draw plan, as a plain function over plain values (no database): which lots each line takes
from and how much. `inventory.services.consumption` reads the lots, asks for the plan, then writes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class OpenLot:
    """An open lot as the FIFO scan reads it: id, what is left, cost of one stock unit."""

    id: int
    remaining: Decimal
    unit_cost: Decimal


@dataclass(frozen=True)
class PlannedDraw:
    lot_id: int
    quantity: Decimal  # positive, stock unit
    lot_cost: Decimal


def plan_draws(
    needs: Sequence[tuple[int, Decimal]], lots_by_item: Mapping[int, Sequence[OpenLot]]
) -> list[list[PlannedDraw]]:
    """For each (item id, need) in order, the draws that cover it from that item's lots, oldest first.

    Lines of the same item continue where the previous line stopped, so two lines never take the same
    stock. The lots must cover every need (the caller has checked availability); a lot with nothing
    left is skipped. Raises ValueError when they don't, which is a programming error.
    """
    left = {lot.id: lot.remaining for lots in lots_by_item.values() for lot in lots}
    cursor = dict.fromkeys(lots_by_item, 0)
    plan: list[list[PlannedDraw]] = []
    for item_id, need in needs:
        lots = lots_by_item[item_id]
        draws: list[PlannedDraw] = []
        remaining = need
        while remaining > 0:
            if cursor[item_id] >= len(lots):
                raise ValueError(f"The lots of item {item_id} do not cover {need}.")
            lot = lots[cursor[item_id]]
            take = min(remaining, left[lot.id])
            if take > 0:
                draws.append(PlannedDraw(lot.id, take, lot.unit_cost))
                left[lot.id] -= take
                remaining -= take
            if left[lot.id] == 0:
                cursor[item_id] += 1
        plan.append(draws)
    return plan
