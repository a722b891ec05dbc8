"""How much to buy: pure functions over plain values, no database.

The rule: buy what brings the stock that is free (on hand minus what is held for orders) back up to
the low-stock threshold once the planned batches have taken what they need:

    to order = threshold + planned need - free   (nothing when that is zero or less)

So an item under its threshold (inventory's "low" rule: free < threshold) is always on the list, and
so is one that planned batches would take below it. In the item's purchase unit the amount is
rounded up to whole units (you can't buy 1.23 jugs); without one it stays exact in the stock unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

from inventory import units
from inventory.errors import UnitError
from inventory.units import CustomUnitDef

ZERO = Decimal("0")


def quantity_to_order(*, threshold: Decimal, free: Decimal, planned: Decimal) -> Decimal:
    """In the stock unit; zero when nothing needs buying."""
    return max(ZERO, threshold + planned - free)


def in_purchase_unit(
    quantity: Decimal,
    *,
    stock_unit: str,
    purchase_unit: str,
    density: Decimal | None,
    custom_units: Sequence[CustomUnitDef],
) -> tuple[Decimal, str]:
    """`quantity` (stock unit) as whole purchase units, rounded up, and that unit's name. Without a
    purchase unit, or one that no longer converts (a custom unit deleted, a density removed), the
    exact quantity in the stock unit."""
    if not purchase_unit or purchase_unit == stock_unit:
        return quantity, stock_unit
    try:
        exact = units.convert(
            quantity, stock_unit, purchase_unit, density=density, custom_units=custom_units
        )
    except UnitError:
        return quantity, stock_unit
    return exact.to_integral_value(rounding=ROUND_CEILING), purchase_unit
