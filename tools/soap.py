"""Soap lye and water math, and the bar-quality numbers, over plain values (no database).

The rule every soap calculator follows: each oil needs `grams x SAP` of lye to turn fully into soap;
the superfat leaves that share of the oils unsaponified (gentler bars), and lye that is less than
100 % pure is weighed heavier. Water is set one of three ways: as a share of the oils, as the lye
concentration of the solution, or as a water:lye ratio. The lye amount never depends on the water.

Citric acid (anhydrous) neutralises some lye, so that much is added on top, from its molar mass
(192.12 g/mol, three acid groups): 3 x 40.00 / 192.12 = 0.6246 g NaOH, or
3 x 56.11 / 192.12 = 0.8762 g KOH, per gram.

The quality numbers are SoapCalc's: sums of fatty-acid percentages weighted by each oil's share of the
recipe, and weighted iodine and INS values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tools.errors import ToolInputError

GRAMS_PER_OUNCE = Decimal("28.349523125")
CITRIC_NAOH_PER_G = Decimal("0.6246")
CITRIC_KOH_PER_G = Decimal("0.8762")
HUNDRED = Decimal(100)

SUPERFAT_RANGE = (Decimal(0), Decimal(20))
PURITY_RANGE = (Decimal(80), Decimal(100))
WATER_RANGES = {
    "percent": (Decimal(10), Decimal(100)),  # water as % of the oils
    "concentration": (Decimal(20), Decimal(50)),  # lye as % of the lye solution
    "ratio": (Decimal(1), Decimal(4)),  # grams of water per gram of lye
}
WATER_MODE_LABELS = {
    "percent": "Water as % of oils",
    "concentration": "Lye concentration (%)",
    "ratio": "Water : lye ratio",
}
LYE_TYPES = {"naoh": "NaOH (bar soap)", "koh": "KOH (liquid soap)", "dual": "Both (dual lye)"}

# SoapCalc's bar qualities: which fatty acids each one adds up, and its usual range for a bar.
QUALITIES: Mapping[str, tuple[tuple[str, ...], tuple[int, int]]] = {
    "hardness": (("lauric", "myristic", "palmitic", "stearic"), (29, 54)),
    "cleansing": (("lauric", "myristic"), (12, 22)),
    "conditioning": (("oleic", "linoleic", "linolenic", "ricinoleic"), (44, 69)),
    "bubbly": (("lauric", "myristic", "ricinoleic"), (14, 46)),
    "creamy": (("palmitic", "stearic", "ricinoleic"), (16, 48)),
}
IODINE_RANGE = (41, 70)
INS_RANGE = (136, 165)


@dataclass(frozen=True)
class Oil:
    name: str
    grams: Decimal
    sap_naoh: Decimal | None
    sap_koh: Decimal | None
    fatty_acids: Mapping[str, int | float] = field(default_factory=dict)
    iodine: int | None = None
    ins: int | None = None
    library_id: int | None = None


@dataclass(frozen=True)
class SoapInput:
    oils: Sequence[Oil]
    superfat_pct: Decimal = Decimal(5)
    lye_type: str = "naoh"
    naoh_purity_pct: Decimal = Decimal(100)
    koh_purity_pct: Decimal = Decimal(90)
    # Dual lye only: the share of the lye that is KOH (e.g. 20 for a 80/20 NaOH/KOH bar).
    koh_share_pct: Decimal = Decimal(20)
    water_mode: str = "percent"
    water_value: Decimal = Decimal(38)
    citric_acid_g: Decimal = Decimal(0)


@dataclass(frozen=True)
class Quality:
    name: str
    value: int
    low: int
    high: int

    @property
    def in_range(self) -> bool:
        return self.low <= self.value <= self.high


@dataclass(frozen=True)
class SoapResult:
    oils_g: Decimal
    naoh_g: Decimal
    koh_g: Decimal
    citric_naoh_g: Decimal  # included in naoh_g
    citric_koh_g: Decimal  # included in koh_g
    water_g: Decimal
    lye_concentration_pct: Decimal
    water_lye_ratio: Decimal
    water_pct_of_oils: Decimal
    batch_g: Decimal
    qualities: tuple[Quality, ...]
    no_profile: tuple[str, ...]  # oils without a fatty-acid profile: no quality numbers then

    @property
    def lye_g(self) -> Decimal:
        return self.naoh_g + self.koh_g


def grams(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ounces(value_g: Decimal) -> Decimal:
    return (value_g / GRAMS_PER_OUNCE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def calculate(data: SoapInput) -> SoapResult:
    """Lye, water and the quality numbers for `data`; raises ToolInputError listing every problem."""
    _check(data)
    oils_g = sum((oil.grams for oil in data.oils), Decimal(0))
    keep = 1 - data.superfat_pct / HUNDRED
    koh_share = {"naoh": Decimal(0), "koh": Decimal(1), "dual": data.koh_share_pct / HUNDRED}[
        data.lye_type
    ]
    naoh_pure = sum((o.grams * (o.sap_naoh or 0) for o in data.oils), Decimal(0)) * keep
    koh_pure = sum((o.grams * (o.sap_koh or 0) for o in data.oils), Decimal(0)) * keep
    citric_naoh = data.citric_acid_g * CITRIC_NAOH_PER_G * (1 - koh_share)
    citric_koh = data.citric_acid_g * CITRIC_KOH_PER_G * koh_share
    naoh = (naoh_pure * (1 - koh_share) + citric_naoh) * HUNDRED / data.naoh_purity_pct
    koh = (koh_pure * koh_share + citric_koh) * HUNDRED / data.koh_purity_pct
    lye = naoh + koh
    if data.water_mode == "percent":
        water = oils_g * data.water_value / HUNDRED
    elif data.water_mode == "concentration":
        water = lye * (HUNDRED - data.water_value) / data.water_value
    else:
        water = lye * data.water_value
    qualities, no_profile = quality_numbers(data.oils)
    return SoapResult(
        oils_g=grams(oils_g),
        naoh_g=grams(naoh),
        koh_g=grams(koh),
        citric_naoh_g=grams(citric_naoh * HUNDRED / data.naoh_purity_pct),
        citric_koh_g=grams(citric_koh * HUNDRED / data.koh_purity_pct),
        water_g=grams(water),
        lye_concentration_pct=grams(lye * HUNDRED / (lye + water)),
        water_lye_ratio=(water / lye).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        water_pct_of_oils=grams(water * HUNDRED / oils_g),
        batch_g=grams(oils_g + lye + water + data.citric_acid_g),
        qualities=qualities,
        no_profile=no_profile,
    )


def quality_numbers(oils: Sequence[Oil]) -> tuple[tuple[Quality, ...], tuple[str, ...]]:
    """SoapCalc's bar qualities, iodine and INS, weighted by each oil's share of the oils.

    Only when every oil has a fatty-acid profile (a partial sum would read as a weak bar); otherwise
    no numbers and the names of the oils without one."""
    missing = tuple(o.name for o in oils if not o.fatty_acids or o.iodine is None or o.ins is None)
    total = sum((o.grams for o in oils), Decimal(0))
    if missing or not total:
        return (), missing
    shares = [(o, o.grams / total) for o in oils]
    found = []
    for name, (acids, (low, high)) in QUALITIES.items():
        value = sum(
            (
                share * Decimal(str(oil.fatty_acids.get(acid, 0)))
                for oil, share in shares
                for acid in acids
            ),
            Decimal(0),
        )
        found.append(Quality(name, _whole(value), low, high))
    iodine = sum((share * (oil.iodine or 0) for oil, share in shares), Decimal(0))
    ins = sum((share * (oil.ins or 0) for oil, share in shares), Decimal(0))
    found.append(Quality("iodine", _whole(iodine), *IODINE_RANGE))
    found.append(Quality("INS", _whole(ins), *INS_RANGE))
    return tuple(found), ()


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check(data: SoapInput) -> None:
    problems = []
    if not data.oils:
        problems.append("Add at least one oil with its weight.")
    for oil in data.oils:
        if oil.grams <= 0:
            problems.append(f"Give {oil.name} a weight above 0.")
        sap = oil.sap_koh if data.lye_type == "koh" else oil.sap_naoh
        if sap is None or (data.lye_type == "dual" and oil.sap_koh is None):
            problems.append(f"We have no SAP value for {oil.name}, so it can't be used here.")
    if data.lye_type not in LYE_TYPES:
        problems.append("Choose NaOH, KOH or both as the lye.")
    _between(problems, data.superfat_pct, SUPERFAT_RANGE, "The superfat", "%")
    _between(problems, data.naoh_purity_pct, PURITY_RANGE, "The NaOH purity", "%")
    _between(problems, data.koh_purity_pct, PURITY_RANGE, "The KOH purity", "%")
    if data.lye_type == "dual":
        _between(problems, data.koh_share_pct, (Decimal(1), Decimal(99)), "The KOH share", "%")
    if data.water_mode not in WATER_RANGES:
        problems.append("Choose how to set the water.")
    else:
        label = WATER_MODE_LABELS[data.water_mode]
        _between(problems, data.water_value, WATER_RANGES[data.water_mode], label, "")
    if data.citric_acid_g < 0:
        problems.append("Citric acid can't be below 0 g.")
    if problems:
        raise ToolInputError(problems)


def _between(problems: list[str], value: Decimal, bounds, what: str, suffix: str) -> None:
    low, high = bounds
    if not low <= value <= high:
        problems.append(f"{what} must be between {low}{suffix} and {high}{suffix}.")
