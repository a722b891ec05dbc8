"""Units and conversion: pure functions, no database.

Standard units are mass (g, kg, mg, oz, lb), volume (ml, l, tsp, tbsp, fl oz, cup, pt, qt, gal) and count
(each). Their factors come from pint's registry in Decimal mode and are exact: pint's Decimal chain leaves a
~1e-26 residue on some US volumes (it divides through cubic inches at 28 digits), so each factor is rounded
to 20 significant digits, which gives back the legal definitions (1 US gal = 3785.411784 ml, 1 tsp =
4.92892159375 ml, 1 oz = 28.349523125 g, 1 lb = 453.59237 g).

A workspace adds custom units (`CustomUnitDef`), either of the same kind as their definition
(1 scoop = 2 tbsp) or pieces defined by weight or volume (1 bar = 113 g, kind "count": one bar is also one
"each"). Mass and volume meet only through an item's density in g/ml.

Arithmetic runs in a 40-digit Decimal context, so conversions are exact wherever the result terminates;
rounding to the 6 decimal places of storage happens only in `to_storage`. Every failure raises a
`UnitError` whose code is UNKNOWN_UNIT, MISSING_DENSITY, INCOMPATIBLE_UNITS or INVALID_AMOUNT.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from enum import StrEnum
from functools import cache

from inventory.display import format_amount
from inventory.errors import (
    IncompatibleUnits,
    InvalidAmount,
    MissingDensity,
    UnknownUnit,
)

# Quantities and unit costs are stored with 6 decimal places (Decimal(20, 6)).
STORAGE_PLACES = Decimal("0.000001")
CENT = Decimal("0.01")
# One entry (in the caller's unit and in the stock unit) may not exceed this: nobody makes soap by the
# trillion grams, and it keeps sums far inside Decimal(20, 6).
MAX_AMOUNT = Decimal("1000000000000")
MAX_COST = Decimal("1000000000000")
_ARITHMETIC = Context(prec=40, rounding=ROUND_HALF_UP)


class Dimension(StrEnum):
    MASS = "mass"
    VOLUME = "volume"
    COUNT = "count"

    @property
    def label(self) -> str:
        return {"mass": "weight", "volume": "volume", "count": "count"}[self.value]

    @property
    def base(self) -> str:
        return {"mass": "g", "volume": "ml", "count": "each"}[self.value]


@dataclass(frozen=True)
class Unit:
    """A resolved unit: `factor` base units (g, ml or each) make one of it."""

    code: str
    dimension: Dimension
    factor: Decimal
    custom: bool = False
    # A custom count unit defined by weight or volume (1 bar = 113 g): one of it is also one "each".
    piece: bool = False

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class CustomUnitDef:
    """A workspace's custom unit: one `name` is `quantity` `unit` (a standard unit).

    `kind` is the dimension of `unit` for same-kind units (1 scoop = 2 tbsp), or "count" for pieces
    defined by weight or volume (1 bar = 113 g). None means "the dimension of `unit`".
    """

    name: str
    quantity: Decimal
    unit: str
    kind: str | None = None


# Canonical code -> (pint unit name, aliases). Order is the display order.
_STANDARD: dict[str, tuple[str, tuple[str, ...]]] = {
    "g": ("gram", ("gram", "grams", "gramme", "grammes", "gm", "gms", "grm")),
    "kg": ("kilogram", ("kgs", "kilogram", "kilograms", "kilo", "kilos", "kilogramme")),
    "mg": ("milligram", ("mgs", "milligram", "milligrams", "milligramme")),
    "oz": ("ounce", ("ozs", "ounce", "ounces", "oz wt")),
    "lb": ("pound", ("lbs", "pound", "pounds")),
    "ml": ("milliliter", ("mls", "milliliter", "milliliters", "millilitre", "millilitres", "cc")),
    "l": ("liter", ("liter", "liters", "litre", "litres", "ltr", "ltrs", "lt")),
    "tsp": ("teaspoon", ("tsps", "teaspoon", "teaspoons", "tspn")),
    "tbsp": ("tablespoon", ("tbsps", "tbs", "tbl", "tblsp", "tablespoon", "tablespoons")),
    "fl oz": ("fluid_ounce", ("floz", "fl ozs", "fluid ounce", "fluid ounces", "fluid oz")),
    "cup": ("cup", ("cups",)),
    "pt": ("pint", ("pts", "pint", "pints")),
    "qt": ("quart", ("qts", "quart", "quarts")),
    "gal": ("gallon", ("gals", "gallon", "gallons")),
    "each": (
        "each",
        ("ea", "count", "ct", "pc", "pcs", "piece", "pieces", "unit", "units", "item", "items"),
    ),
}
STANDARD_UNIT_CODES: tuple[str, ...] = tuple(_STANDARD)
UNIT_CHOICES: list[tuple[str, str]] = [(code, code) for code in STANDARD_UNIT_CODES]


def normalize_unit_name(name: str) -> str:
    """Lower case, dots dropped, runs of spaces, underscores and hyphens made one space."""
    text = str(name or "").strip().lower().replace(".", " ")
    return re.sub(r"[\s_\-]+", " ", text).strip()


@cache
def _standard_units() -> dict[str, Unit]:
    import pint

    registry = pint.UnitRegistry(non_int_type=Decimal)
    registry.define("each = [piece]")
    units: dict[str, Unit] = {}
    for code, (pint_name, _aliases) in _STANDARD.items():
        with localcontext(Context(prec=50)):
            quantity = registry.Quantity(Decimal(1), pint_name)
            if quantity.check("[mass]"):
                dimension, base = Dimension.MASS, "gram"
            elif quantity.check("[volume]"):
                dimension, base = Dimension.VOLUME, "milliliter"
            else:
                dimension, base = Dimension.COUNT, "each"
            raw = quantity.to(base).magnitude
        with localcontext(Context(prec=20)):
            factor = (+raw).normalize()
        units[code] = Unit(code=code, dimension=dimension, factor=factor)
    return units


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, (_pint_name, aliases) in _STANDARD.items():
        table[normalize_unit_name(code)] = code
        for alias in aliases:
            table[normalize_unit_name(alias)] = code
    return table


def standard_unit(name: str) -> Unit | None:
    """The standard unit a name or alias means ("G", "grams", "fl_oz", "pcs"...), or None."""
    key = normalize_unit_name(name)
    code = _aliases().get(key)
    if code is None and key.endswith("s"):
        code = _aliases().get(key[:-1])
    return _standard_units()[code] if code else None


def is_standard_unit(name: str) -> bool:
    return standard_unit(name) is not None


def canonical_unit_code(name: str) -> str:
    """The canonical code of a standard unit ("grams" -> "g"); raises UnknownUnit otherwise."""
    unit = standard_unit(name)
    if unit is None:
        raise _unknown(name)
    return unit.code


def _index_custom(
    custom_units: Mapping[str, CustomUnitDef] | Iterable[CustomUnitDef] | None,
) -> dict[str, CustomUnitDef]:
    if not custom_units:
        return {}
    values = custom_units.values() if isinstance(custom_units, Mapping) else custom_units
    return {normalize_unit_name(d.name): d for d in values}


def custom_unit(definition: CustomUnitDef) -> Unit:
    """Resolve a custom unit definition (raises UnknownUnit / InvalidAmount / IncompatibleUnits)."""
    base = standard_unit(definition.unit)
    if base is None:
        raise UnknownUnit(
            f"The custom unit '{definition.name}' is defined in '{definition.unit}', which is not a "
            f"standard unit. Define it in one of {', '.join(STANDARD_UNIT_CODES)}.",
            field="unit",
            unit=definition.unit,
        )
    quantity = parse_amount(definition.quantity, field="quantity")
    kind = Dimension(definition.kind) if definition.kind else base.dimension
    if kind not in (base.dimension, Dimension.COUNT):
        raise IncompatibleUnits(
            f"A {kind.label} unit can't be defined in {base.code} ({base.dimension.label}). Define "
            f"'{definition.name}' in a {kind.label} unit, or make it a count unit (a piece).",
            field="kind",
        )
    with localcontext(_ARITHMETIC):
        factor = quantity * base.factor
    return Unit(
        code=normalize_unit_name(definition.name),
        dimension=base.dimension,
        factor=factor,
        custom=True,
        piece=kind == Dimension.COUNT and base.dimension != Dimension.COUNT,
    )


def _unknown(name: str) -> UnknownUnit:
    shown = str(name or "").strip() or "(blank)"
    return UnknownUnit(
        f"'{shown}' isn't a unit BatchTrack knows. Use one of {', '.join(STANDARD_UNIT_CODES)}, "
        f"or add '{shown}' as a custom unit (for example 1 {shown} = 2 tbsp) on the units page.",
        field="unit",
        unit=shown,
    )


def resolve_unit(
    name: str,
    custom_units: Mapping[str, CustomUnitDef] | Iterable[CustomUnitDef] | None = None,
) -> Unit:
    """The unit a name means: a standard unit or one of the given custom units; else UnknownUnit."""
    if isinstance(name, Unit):
        return name
    unit = standard_unit(name)
    if unit is not None:
        return unit
    index = _index_custom(custom_units)
    key = normalize_unit_name(name)
    definition = index.get(key) or (index.get(key[:-1]) if key.endswith("s") else None)
    if definition is None:
        raise _unknown(name)
    return custom_unit(definition)


def parse_amount(
    value: object,
    *,
    field: str = "quantity",
    allow_zero: bool = False,
    label: str = "quantity",
    maximum: Decimal = MAX_AMOUNT,
    places: Decimal | None = STORAGE_PLACES,
) -> Decimal:
    """A finite, positive (or, with allow_zero, non-negative) Decimal no larger than `maximum`.

    `places` is the precision of the column that keeps the amount (6 decimals for quantities, factors
    and unit costs; `CENT` for prices): a positive amount that rounds to zero there is refused like
    zero, so nothing reaches the database as a zero it can't hold. None only for exact intermediate
    values that are never stored as given (`convert`).

    Accepts Decimal, int and numeric strings; floats are refused (they are not exact) with TypeError,
    which is a programming error, not a user's.
    """
    if isinstance(value, bool):
        raise TypeError("A quantity can't be a boolean.")
    if isinstance(value, float):
        raise TypeError("Pass quantities as Decimal, int or str, never float.")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidAmount(
            f"Enter the {label} as a number, for example 250 or 12.5.", field=field, value=value
        )
    if not amount.is_finite():
        raise InvalidAmount(
            f"Enter the {label} as a number, for example 250 or 12.5.", field=field, value=value
        )
    if amount < 0 or (amount == 0 and not allow_zero):
        floor = "zero or more" if allow_zero else "more than zero"
        raise InvalidAmount(
            f"The {label} must be {floor}; {format_amount(amount)} was given.",
            field=field,
            value=amount,
        )
    if amount > maximum:
        raise InvalidAmount(
            f"{format_amount(amount)} is too large for a {label}; one entry can be at most "
            f"{format_amount(maximum)}. Check the number and its unit.",
            field=field,
            value=amount,
        )
    if places is not None and amount > 0 and rounds_to_zero(amount, places):
        floor = "0, or more than zero" if allow_zero else "more than zero"
        raise InvalidAmount(
            f"The {label} must be {floor} at the precision we keep: {places:f}.",
            field=field,
            value=amount,
        )
    return amount


def rounds_to_zero(amount: Decimal, places: Decimal = STORAGE_PLACES) -> bool:
    """Whether `amount` is stored as zero in a column with `places` precision (half up, as stored)."""
    return abs(amount) < places / 2


def _describe(unit: Unit) -> str:
    return f"{unit.code} ({unit.dimension.label})"


def _ratio(
    from_unit: str | Unit,
    to_unit: str | Unit,
    density: Decimal | None,
    custom_units: Mapping[str, CustomUnitDef] | Iterable[CustomUnitDef] | None,
    item_name: str | None,
) -> tuple[Decimal, Decimal]:
    """(numerator, denominator): one `from_unit` is numerator / denominator `to_unit`.

    Kept as a pair so callers multiply before they divide, which keeps round trips exact
    (1 oz -> g -> oz is 1, not 0.999...)."""
    source = resolve_unit(from_unit, custom_units)
    target = resolve_unit(to_unit, custom_units)
    one = Decimal(1)
    with localcontext(_ARITHMETIC):
        if source.dimension == target.dimension:
            return source.factor, target.factor
        if source.piece and target.dimension == Dimension.COUNT:
            return one, target.factor
        if target.piece and source.dimension == Dimension.COUNT:
            return source.factor, one
        if {source.dimension, target.dimension} == {Dimension.MASS, Dimension.VOLUME}:
            if density is None or density <= 0:
                subject = item_name or "This item"
                raise MissingDensity(
                    f"{subject} has no density, so {source.code} can't be turned into "
                    f"{target.code}. Add its density (g/ml) on the item page.",
                    field="density_g_per_ml",
                    from_unit=source.code,
                    to_unit=target.code,
                )
            if source.dimension == Dimension.VOLUME:
                return source.factor * density, target.factor
            return source.factor, density * target.factor
    subject = f"{item_name} is" if item_name else "This item is"
    raise IncompatibleUnits(
        f"{subject} kept in {_describe(target)}, so an amount in {_describe(source)} can't be "
        f"turned into it. Enter it in a {target.dimension.label} unit, or add a custom unit that "
        f"says what one {source.code} is in {target.code}.",
        field="unit",
        from_unit=source.code,
        to_unit=target.code,
    )


def conversion_factor(
    from_unit: str | Unit,
    to_unit: str | Unit,
    *,
    density: Decimal | None = None,
    custom_units: Mapping[str, CustomUnitDef] | Iterable[CustomUnitDef] | None = None,
    item_name: str | None = None,
) -> Decimal:
    """How many `to_unit` make one `from_unit` (40 digits). Density (g/ml) bridges mass and volume."""
    numerator, denominator = _ratio(from_unit, to_unit, density, custom_units, item_name)
    with localcontext(_ARITHMETIC):
        return numerator / denominator


def convert(
    amount: Decimal | int | str,
    from_unit: str | Unit,
    to_unit: str | Unit,
    *,
    density: Decimal | None = None,
    custom_units: Mapping[str, CustomUnitDef] | Iterable[CustomUnitDef] | None = None,
    item_name: str | None = None,
) -> Decimal:
    """`amount` of `from_unit` expressed in `to_unit`, exactly (40 significant digits, not rounded).

    The amount must be a positive number (zero allowed) within MAX_AMOUNT.
    """
    value = parse_amount(amount, allow_zero=True, places=None)
    numerator, denominator = _ratio(from_unit, to_unit, density, custom_units, item_name)
    with localcontext(_ARITHMETIC):
        return value * numerator / denominator


def convert_unit_cost(
    cost: Decimal,
    per_unit: str | Unit,
    to_unit: str | Unit,
    *,
    density: Decimal | None = None,
    custom_units: Mapping[str, CustomUnitDef] | Iterable[CustomUnitDef] | None = None,
    item_name: str | None = None,
) -> Decimal:
    """A price per `per_unit` as a price per `to_unit` ($0.01/g -> $10/kg), exact (40 digits)."""
    numerator, denominator = _ratio(per_unit, to_unit, density, custom_units, item_name)
    with localcontext(_ARITHMETIC):
        return cost * denominator / numerator


def to_storage(value: Decimal) -> Decimal:
    """Round a quantity or unit cost to the 6 decimal places it is stored with (half up)."""
    return value.quantize(STORAGE_PLACES, rounding=ROUND_HALF_UP, context=_ARITHMETIC)


def money(value: Decimal) -> Decimal:
    """A money amount for display or reports: cents, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=_ARITHMETIC)


def arithmetic():
    """A 40-digit Decimal context for quantity x cost products and sums: `with arithmetic(): ...`."""
    return localcontext(_ARITHMETIC)
