"""Which containers hold a batch's yield: a pure function over plain values (no database).

Largest containers first (whole ones, the smallest size taking what is left), then a small search
around that first answer (each of the largest sizes two either way, at most `MAX_COMBINATIONS`
tried) for the combination closest to 100 % containment: the least capacity that still holds the
whole yield, or, when stock can't hold it all, the most. Only containers in stock are used; the
plan says in plain words what won't fit and how full the last container will be.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from inventory import units
from inventory.display import format_amount

MAX_COMBINATIONS = 300
HUNDRED = Decimal("100")
ZERO = Decimal("0")


@dataclass(frozen=True)
class ContainerOption:
    """A container size that may be used: what one holds, in the batch's yield unit (before the
    fill %), and how many whole ones are in stock."""

    item_id: int
    name: str
    capacity: Decimal
    available: int


@dataclass(frozen=True)
class FillPick:
    item_id: int
    name: str
    count: int
    capacity: Decimal  # what one holds, after the fill %, in the yield unit


@dataclass(frozen=True)
class FillPlan:
    picks: tuple[FillPick, ...]
    yield_quantity: Decimal
    unit: str
    capacity: Decimal  # what the picks hold together
    containment_pct: Decimal  # capacity / yield x 100, to one decimal
    unfilled: Decimal  # yield that won't fit in them
    last_fill_pct: Decimal | None  # how full the last (smallest) container is, when one is picked
    warnings: tuple[str, ...]

    @property
    def containers(self) -> int:
        return sum(pick.count for pick in self.picks)


def plan_fill(
    *,
    yield_quantity: Decimal,
    unit: str,
    options: Sequence[ContainerOption],
    fill_pct: Decimal = HUNDRED,
) -> FillPlan:
    """How many of which containers hold `yield_quantity` `unit` (see the module docstring).

    `fill_pct` is how full a container is filled (a candle vessel filled to 90 %). Raises
    ValueError for a yield or fill % that is not positive (callers check these first).
    """
    if yield_quantity <= 0 or not ZERO < fill_pct <= HUNDRED:
        raise ValueError("the yield and the fill % must be positive")
    with units.arithmetic():
        sizes = sorted(
            (
                (o, o.capacity * fill_pct / HUNDRED)
                for o in options
                if o.available > 0 and o.capacity > 0
            ),
            key=lambda pair: (-pair[1], pair[0].item_id),
        )
        counts = _greedy(yield_quantity, [(cap, o.available) for o, cap in sizes])
        counts = _closest(yield_quantity, [(cap, o.available) for o, cap in sizes], counts)
        picks = tuple(
            FillPick(o.item_id, o.name, n, cap)
            for (o, cap), n in zip(sizes, counts, strict=True)
            if n > 0
        )
        return _describe(yield_quantity, unit, picks)


def _greedy(wanted: Decimal, sizes: list[tuple[Decimal, int]]) -> list[int]:
    """Whole large containers first; the smallest size rounds up to take what is left."""
    counts: list[int] = []
    left = wanted
    for index, (capacity, available) in enumerate(sizes):
        rounding = ROUND_CEILING if index == len(sizes) - 1 else ROUND_FLOOR
        need = int((max(left, ZERO) / capacity).to_integral_value(rounding=rounding))
        take = min(available, need)
        counts.append(take)
        left -= capacity * take
    if left > 0 and sizes:  # stock ran out below: a larger container may take the rest
        for index in range(len(sizes) - 2, -1, -1):
            capacity, available = sizes[index]
            if counts[index] < available:
                counts[index] += 1
                break
    return counts


def _closest(wanted: Decimal, sizes: list[tuple[Decimal, int]], greedy: list[int]) -> list[int]:
    """The combination around `greedy` closest to 100 % containment, trying at most
    MAX_COMBINATIONS; ties go to fewer containers, then to the greedy order."""
    ranges: list[range] = []
    tried = 1
    for (_, available), count in zip(sizes, greedy, strict=True):
        span = range(max(0, count - 2), min(available, count + 2) + 1)
        if tried * len(span) > MAX_COMBINATIONS:
            span = range(count, count + 1)
        tried *= len(span)
        ranges.append(span)
    best, best_key = greedy, _score(wanted, sizes, greedy)
    for combo in itertools.product(*ranges):
        key = _score(wanted, sizes, list(combo))
        if key < best_key:
            best, best_key = list(combo), key
    return best


def _score(wanted: Decimal, sizes: list[tuple[Decimal, int]], counts: list[int]) -> tuple:
    total = sum((capacity * n for (capacity, _), n in zip(sizes, counts, strict=True)), ZERO)
    if total >= wanted:
        return (0, total - wanted, sum(counts))
    return (1, wanted - total, sum(counts))


def _describe(wanted: Decimal, unit: str, picks: tuple[FillPick, ...]) -> FillPlan:
    capacity = sum((p.capacity * p.count for p in picks), ZERO)
    unfilled = max(wanted - capacity, ZERO)
    warnings: list[str] = []
    last_fill: Decimal | None = None
    if not picks:
        warnings.append(
            "No container in stock can take this batch. Receive containers, or allow others "
            "on the recipe."
        )
    elif unfilled > 0:
        warnings.append(
            f"{format_amount(units.to_storage(unfilled))} {unit} won't fit: the containers in "
            f"stock hold only {format_amount(units.to_storage(capacity))} {unit}. Receive more "
            "containers, or plan a smaller batch."
        )
        last_fill = HUNDRED
    else:
        last = picks[-1]
        in_last = wanted - (capacity - last.capacity)
        last_fill = _pct(in_last, last.capacity)
        if last_fill < HUNDRED:
            warnings.append(f"The last {last.name} will be only {format_amount(last_fill)} % full.")
    return FillPlan(
        picks=picks,
        yield_quantity=wanted,
        unit=unit,
        capacity=capacity,
        containment_pct=_pct(capacity, wanted),
        unfilled=units.to_storage(unfilled),
        last_fill_pct=last_fill,
        warnings=tuple(warnings),
    )


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part * HUNDRED / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
