"""Scaling a recipe version by a factor or to a target yield, in exact Decimal arithmetic.

The factor is kept at full precision (a target of 2 kg from a 1.2 kg recipe is 5/3 to 40 digits);
each scaled quantity is rounded once, to the 6 decimal places stock is kept with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Item
from inventory.units import CustomUnitDef
from recipes.errors import InvalidScale
from recipes.models import RecipeLine, RecipeVersion
from recipes.selectors import custom_unit_defs

# A batch is between a thousandth of the recipe and a thousand times it: beyond that a scale is
# almost certainly a typo, and a plan's scale must stay storable (6 decimals).
MIN_SCALE = Decimal("0.001")
MAX_SCALE = Decimal("1000")


@dataclass(frozen=True)
class ScaledLine:
    position: int
    item: Item
    quantity: Decimal  # in `unit`, rounded to storage
    unit: str
    stock_quantity: Decimal  # in the item's stock unit, rounded to storage
    note: str


@dataclass(frozen=True)
class ScaledRecipe:
    version: RecipeVersion
    factor: Decimal
    yield_quantity: Decimal
    yield_unit: str
    lines: tuple[ScaledLine, ...]


def scale_factor(
    *,
    version: RecipeVersion,
    factor: Decimal | int | str | None = None,
    target_quantity: Decimal | int | str | None = None,
    target_unit: str | None = None,
    custom: Sequence[CustomUnitDef] | None = None,
) -> Decimal:
    """The factor for `factor` itself, or for making `target_quantity` `target_unit`.

    Either way the factor must lie within MIN_SCALE..MAX_SCALE (`check_scale`). Raises InvalidScale
    for zero, negative, out-of-range or unconvertible input.
    """
    if version.yield_quantity is None or not version.yield_unit:
        raise InvalidScale(
            "This draft has no yield yet. Add how much one batch makes to scale it.",
            field="scale",
        )
    if (factor is None) == (target_quantity is None):
        raise InvalidScale("Give either a scale factor or a target yield.", field="scale")
    try:
        if factor is not None:
            value = units.parse_amount(factor, field="scale", label="scale")
        else:
            target = units.parse_amount(target_quantity, field="target", label="target yield")
            custom = custom_unit_defs() if custom is None else custom
            in_yield_unit = units.convert(
                target, target_unit or version.yield_unit, version.yield_unit, custom_units=custom
            )
            with units.arithmetic():
                value = in_yield_unit / version.yield_quantity
    except DomainError as exc:
        raise InvalidScale(exc.message, field=exc.field or "scale")
    return check_scale(value)


def check_scale(value: Decimal) -> Decimal:
    """`value` when it is a scale a batch can have (MIN_SCALE to MAX_SCALE times); else InvalidScale."""
    if not MIN_SCALE <= value <= MAX_SCALE:
        shown = units.format_amount(value)
        if shown == "0":
            shown = "less than 0.000001"
        raise InvalidScale(
            f"That is {shown} times the recipe; a batch can be scaled between "
            f"{MIN_SCALE} and {units.format_amount(MAX_SCALE)} times.",
            field="scale",
        )
    return value


def scale_version(
    *,
    version: RecipeVersion,
    factor: Decimal | int | str | None = None,
    target_quantity: Decimal | int | str | None = None,
    target_unit: str | None = None,
    lines: Sequence[RecipeLine] | None = None,
) -> ScaledRecipe:
    """The version's yield and lines at a scale, each line also in its item's stock unit.

    `lines` (with items joined) saves the query when the caller already holds them. Raises
    InvalidScale (including a line that becomes too small to take from stock) and UnitError
    subclasses when a unit no longer converts (a custom unit was deleted).
    """
    if lines is None:
        lines = list(version.lines.select_related("item").order_by("position"))
    custom = custom_unit_defs(
        target_unit,
        version.yield_unit,
        *(line.unit for line in lines),
        *(line.item.stock_unit for line in lines),
    )
    value = scale_factor(
        version=version,
        factor=factor,
        target_quantity=target_quantity,
        target_unit=target_unit,
        custom=custom,
    )
    scaled: list[ScaledLine] = []
    with units.arithmetic():
        for line in lines:
            exact = line.quantity * value
            stock = units.to_storage(
                units.convert(
                    exact,
                    line.unit,
                    line.item.stock_unit,
                    density=line.item.density_g_per_ml,
                    custom_units=custom,
                    item_name=line.item.name,
                )
            )
            if stock == 0:
                raise InvalidScale(
                    f"At {units.format_amount(value)} times, row {line.position} "
                    f"({line.item.name}) is too small to take from stock. Use a larger scale.",
                    field="scale",
                )
            scaled.append(
                ScaledLine(
                    position=line.position,
                    item=line.item,
                    quantity=units.to_storage(exact),
                    unit=line.unit,
                    stock_quantity=stock,
                    note=line.note,
                )
            )
        yield_quantity = units.to_storage(version.yield_quantity * value)
    return ScaledRecipe(
        version=version,
        factor=value,
        yield_quantity=yield_quantity,
        yield_unit=version.yield_unit,
        lines=tuple(scaled),
    )
