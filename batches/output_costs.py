"""How a finished batch's cost is shared between its outputs: a pure function over plain values.

Containers cost where they were used: the cost of a container item (jars, bottles, tins the batch
took from stock) goes only to the outputs filled into it, split by how many each output filled; the
rest of the batch's cost (the liquid, wax or batter, and any container no output names) is shared by
yield. $35 of liquid and 10 bottles at $0.50 finished as 8 bottles (64 fl oz) and 6 fl oz in bulk:
the liquid is $0.50 per fl oz, so the bottles hold $32 + the bottles' $5 = $37 (4.625 a bottle) and
the bulk $3 (0.50 per fl oz). Spread by yield alone, the bulk would carry part of the bottles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from inventory import units

ZERO = Decimal("0")


@dataclass(frozen=True)
class OutputShare:
    """One output: its part of the yield and, when filled into containers, which and how many."""

    yield_share: Decimal
    container_id: int | None = None
    container_count: Decimal = ZERO


@dataclass(frozen=True)
class OutputCost:
    total: Decimal  # exact
    packaging: Decimal  # the part of `total` that is container cost (exact)


def allocate_output_costs(
    *,
    batch_cost: Decimal,
    container_costs: Mapping[int, Decimal],
    outputs: Sequence[OutputShare],
) -> list[OutputCost]:
    """Each output's cost, in the order given; together they make `batch_cost` exactly.

    `container_costs` maps a container item id to what the batch paid for it (already included in
    `batch_cost`). Only containers some output names are assigned to outputs; the others stay in the
    cost shared by yield. Raises ValueError for no outputs, a zero yield or a named container with
    no count (the service checks these first and says so in plain words).
    """
    if not outputs:
        raise ValueError("no outputs to share the cost between")
    counts: dict[int, Decimal] = {}
    for output in outputs:
        if output.container_id is not None:
            if output.container_count <= 0:
                raise ValueError("an output filled into containers needs a count")
            counts[output.container_id] = counts.get(output.container_id, ZERO) + (
                output.container_count
            )
    with units.arithmetic():
        assigned = sum((container_costs.get(pk, ZERO) for pk in counts), ZERO)
        shared = batch_cost - assigned
        total_yield = sum((output.yield_share for output in outputs), ZERO)
        if total_yield <= 0:
            raise ValueError("the outputs hold no yield")
        costs: list[OutputCost] = []
        for output in outputs:
            packaging = ZERO
            if output.container_id is not None:
                packaging = (
                    container_costs.get(output.container_id, ZERO)
                    * output.container_count
                    / counts[output.container_id]
                )
            costs.append(
                OutputCost(
                    total=shared * output.yield_share / total_yield + packaging,
                    packaging=packaging,
                )
            )
    return costs
