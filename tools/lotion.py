"""Lotion and cosmetic math over plain values: a formula in percent, turned into grams for a batch.

A formula's percentages must add up to 100. Anything with water in it needs a broad-spectrum
preservative, used within its maker's range; most are used at 0.5-1.5 %, none above 2 % here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tools.errors import ToolInputError
from tools.soap import HUNDRED, grams

PHASES = {
    "water": "Water phase",
    "oil": "Oil phase",
    "cool_down": "Cool-down phase",
    "preservative": "Preservative",
}
PRESERVATIVE_RANGE = (Decimal("0.5"), Decimal("1.5"))
PRESERVATIVE_MAX = Decimal(2)


@dataclass(frozen=True)
class Ingredient:
    name: str
    phase: str
    percent: Decimal
    library_id: int | None = None


@dataclass(frozen=True)
class Line:
    name: str
    phase: str
    percent: Decimal
    grams: Decimal
    library_id: int | None


@dataclass(frozen=True)
class LotionResult:
    batch_g: Decimal
    lines: tuple[Line, ...]
    phase_totals: tuple[tuple[str, Decimal, Decimal], ...]  # (phase label, percent, grams)
    notes: tuple[str, ...]


def calculate(*, batch_g: Decimal, ingredients: Sequence[Ingredient]) -> LotionResult:
    """Grams per ingredient and phase; raises ToolInputError listing every problem."""
    problems = []
    if not Decimal(1) <= batch_g <= Decimal(100000):
        problems.append("The batch size must be between 1 g and 100,000 g.")
    if not ingredients:
        problems.append("Add at least one ingredient with its percentage.")
    for ing in ingredients:
        if ing.phase not in PHASES:
            problems.append(f"Choose a phase for {ing.name}.")
        if not Decimal(0) < ing.percent <= HUNDRED:
            problems.append(f"{ing.name}: the percentage must be above 0 and at most 100.")
    total = sum((i.percent for i in ingredients), Decimal(0))
    if ingredients and total != HUNDRED:
        problems.append(f"The percentages add up to {total}%; they must add up to exactly 100%.")
    preservative = sum((i.percent for i in ingredients if i.phase == "preservative"), Decimal(0))
    if preservative > PRESERVATIVE_MAX:
        problems.append(
            f"{preservative}% preservative is more than any common preservative needs (at most "
            f"{PRESERVATIVE_MAX}%): check its maker's usage rate."
        )
    if problems:
        raise ToolInputError(problems)
    lines = tuple(
        Line(i.name, i.phase, i.percent, grams(batch_g * i.percent / HUNDRED), i.library_id)
        for i in ingredients
    )
    totals = tuple(
        (
            label,
            sum((i.percent for i in ingredients if i.phase == key), Decimal(0)),
            grams(sum((line.grams for line in lines if line.phase == key), Decimal(0))),
        )
        for key, label in PHASES.items()
        if any(i.phase == key for i in ingredients)
    )
    return LotionResult(grams(batch_g), lines, totals, _notes(ingredients, preservative))


def _notes(ingredients: Sequence[Ingredient], preservative: Decimal) -> tuple[str, ...]:
    has_water = any(i.phase == "water" for i in ingredients)
    low, high = PRESERVATIVE_RANGE
    if has_water and not preservative:
        return (
            "This formula has a water phase but no preservative: anything with water grows mould "
            "and bacteria within days. Add a broad-spectrum preservative.",
        )
    if preservative and not low <= preservative <= high:
        return (
            f"{preservative}% preservative is outside the usual {low}-{high}%: check its "
            "maker's usage rate.",
        )
    return ()
