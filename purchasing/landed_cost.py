"""Landed cost: a receipt's shipping, tax and fees shared among its lines. Pure functions, no database.

The exact-money rule, in one place:
1. Every amount on a receipt is in whole cents, as the invoice states it.
2. The extras (shipping + tax + fees) are split in proportion to each line's weight: its cost ("by
   value") or its weight in grams ("by weight"). Each line first gets its exact share rounded down
   to the cent; the cents left over go one at a time to the lines with the largest fractions of a
   cent cut off, ties to the earlier line. So the shares add up to the extras exactly, and every
   line's landed cost (its cost + its share) is whole cents: the lines add up to the receipt total.
3. Each lot's unit cost is its line's landed cost divided by its quantity in the item's stock unit,
   to the 6 decimal places inventory keeps every unit cost in (half up; `inventory.services.receive`
   with `total_cost`). When that division ends within 6 decimals (grams, millilitres and most counts
   of a cent-priced line) the lot's value is the landed cost to the cent; otherwise it differs by
   under half a millionth of a dollar per stock unit, and the receipt keeps the exact cents.

$90 of oils ($45 + $27 + $18) and $10 of shipping by value: shares $5, $3, $2, landed $50, $30,
$20: each lot's unit cost rises by exactly 1/9, and the lots are worth exactly $100.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

CENT = Decimal("0.01")


def is_cents(amount: Decimal) -> bool:
    """Whether `amount` is a whole number of cents ($1.50 yes, $1.505 no)."""
    return amount == amount.quantize(CENT)


def split_cents(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` (whole cents, >= 0) shared in proportion to `weights` (>= 0), in whole cents that
    add up to `total` exactly (largest remainder, ties to the earlier weight).

    Raises ValueError when there is something to share and nothing to share it by (every weight
    zero), or when `total` is not whole cents."""
    if total < 0 or not is_cents(total):
        raise ValueError("The amount to share must be whole cents, not negative.")
    cents = int(total / CENT)
    if not weights:
        if cents:
            raise ValueError("There are no lines to share the amount among.")
        return []
    whole = sum((Fraction(weight) for weight in weights), Fraction(0))
    if whole == 0:
        if cents:
            raise ValueError("Every line weighs nothing, so the amount can't be shared by it.")
        return [Decimal("0.00") for _ in weights]
    exact = [cents * Fraction(weight) / whole for weight in weights]
    shares = [int(share) for share in exact]  # floor: every share is >= 0
    left = cents - sum(shares)
    by_fraction = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for index in by_fraction[:left]:
        shares[index] += 1
    return [Decimal(share) * CENT for share in shares]
