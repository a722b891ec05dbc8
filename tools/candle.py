"""Candle math over plain values: wax and fragrance for a number of vessels.

A vessel holds `capacity_ml` of melted wax up to the fill line (`fill_pct` of the brim). Fragrance load
is a percentage of the wax's weight, as wax makers state their maximum ("holds 10 %"), so the fill
weight splits as wax = fill / (1 + load) and fragrance = wax x load.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tools.errors import ToolInputError
from tools.soap import HUNDRED, grams

# Melted soy and paraffin container waxes weigh about 0.86-0.9 g per ml.
DEFAULT_WAX_DENSITY = Decimal("0.86")
USUAL_MAX_LOAD = Decimal(10)


@dataclass(frozen=True)
class CandleInput:
    vessels: int
    capacity_ml: Decimal
    fill_pct: Decimal = Decimal(90)
    fragrance_pct: Decimal = Decimal(8)
    wax_density: Decimal = DEFAULT_WAX_DENSITY
    diameter_cm: Decimal | None = None


@dataclass(frozen=True)
class CandleResult:
    wax_g: Decimal
    fragrance_g: Decimal
    wax_per_vessel_g: Decimal
    fragrance_per_vessel_g: Decimal
    total_g: Decimal
    notes: tuple[str, ...]


def calculate(data: CandleInput) -> CandleResult:
    """Wax and fragrance in grams; raises ToolInputError listing every problem."""
    problems = []
    if not 1 <= data.vessels <= 10000:
        problems.append("The number of vessels must be between 1 and 10,000.")
    if not Decimal(1) <= data.capacity_ml <= Decimal(10000):
        problems.append("A vessel's capacity must be between 1 ml and 10,000 ml.")
    if not Decimal(10) <= data.fill_pct <= HUNDRED:
        problems.append("The fill must be between 10% and 100% of the vessel.")
    if not Decimal(0) <= data.fragrance_pct <= Decimal(25):
        problems.append("The fragrance load must be between 0% and 25%.")
    if not Decimal("0.5") <= data.wax_density <= Decimal("1.2"):
        problems.append("The wax density must be between 0.5 and 1.2 g/ml.")
    if problems:
        raise ToolInputError(problems)
    fill_g = data.capacity_ml * data.fill_pct / HUNDRED * data.wax_density
    wax = fill_g / (1 + data.fragrance_pct / HUNDRED)
    fragrance = wax * data.fragrance_pct / HUNDRED
    return CandleResult(
        wax_g=grams(wax * data.vessels),
        fragrance_g=grams(fragrance * data.vessels),
        wax_per_vessel_g=grams(wax),
        fragrance_per_vessel_g=grams(fragrance),
        total_g=grams(fill_g * data.vessels),
        notes=_notes(data),
    )


def _notes(data: CandleInput) -> tuple[str, ...]:
    notes = []
    if data.fragrance_pct > USUAL_MAX_LOAD:
        notes.append(
            f"{data.fragrance_pct}% is above what most container waxes hold (about 10%): check "
            "your wax maker's maximum, or the fragrance may seep out."
        )
    wick = (
        f"For a {data.diameter_cm} cm wide vessel, pick the wick size your wick maker's chart "
        "gives for that width and your wax."
        if data.diameter_cm
        else "Pick the wick by the vessel's width and your wax, from your wick maker's chart."
    )
    notes.append(
        f"{wick} Burn-test one candle for 3-4 hours: the melt pool should reach the edge, "
        "about 1 cm deep, without a tall or smoking flame."
    )
    return tuple(notes)
