"""The order money rules, as plain functions over Decimals (no database), one place for each:

- a line's goods = quantity x unit price, rounded half up to cents, less the line's discount;
- an order's shipping charged and marketplace fee are shared out to its lines in proportion to their
  goods (equally when every line is free), to the cent, by largest remainder, so the shares add up to
  the order's figure exactly (ties go to the earlier line);
- a return refunds, unless told otherwise, the returned share of what the line still has to refund:
  left x returned / still out, half up to cents, so returning everything refunds exactly what is left;
- margin % = gross profit / revenue x 100, to one decimal, half up; none without revenue.

Costs of goods stay exact (12 decimals, from the ledger) and are rounded only to show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from inventory import units

CENT = units.CENT
ZERO = Decimal("0")


def line_goods(quantity: Decimal, unit_price: Decimal, discount: Decimal) -> Decimal:
    with units.arithmetic():
        return units.money(quantity * unit_price) - discount


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` cents shared in proportion to `weights` (all equal when they add up to zero)."""
    if not weights:
        return []
    if sum(weights, ZERO) <= 0:
        weights = [Decimal(1)] * len(weights)
    whole = sum(weights, ZERO)
    cents = int((total / CENT).to_integral_value())
    with units.arithmetic():
        exact = [Decimal(cents) * w / whole for w in weights]
    floors = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    left = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(f) * CENT for f in floors]


def default_refund(*, left: Decimal, out: Decimal, returning: Decimal) -> Decimal:
    """The refund for `returning` of `out` units still with the customer, `left` cents unrefunded."""
    if returning >= out:
        return left
    with units.arithmetic():
        return (left * returning / out).quantize(CENT, rounding=ROUND_HALF_UP)


def margin_pct(profit: Decimal, revenue: Decimal) -> Decimal | None:
    if not revenue:
        return None
    with units.arithmetic():
        return (profit * 100 / revenue).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
