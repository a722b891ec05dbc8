"""Amounts in an item's stock unit: converting what the caller gave, and back for messages. Private to
`inventory.services`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from batchtrack.glossary import quantity_words
from inventory import units
from inventory.errors import InvalidAmount
from inventory.models import CustomUnit, Item
from inventory.units import CustomUnitDef


def custom_unit_defs(*names: str | None) -> list[CustomUnitDef]:
    """The workspace's custom units, read only when one of `names` is not a standard unit."""
    if all(name is None or units.is_standard_unit(name) for name in names):
        return []
    return [unit.as_definition() for unit in CustomUnit.objects.all()]


def to_stock_exact(
    item: Item, amount: Decimal, unit: str | None, custom: Sequence[CustomUnitDef]
) -> Decimal:
    if unit is None or unit == item.stock_unit:
        return amount
    return units.convert(
        amount,
        unit,
        item.stock_unit,
        density=item.density_g_per_ml,
        custom_units=custom,
        item_name=item.name,
    )


def to_stock(
    item: Item,
    amount: Decimal,
    unit: str | None,
    custom: Sequence[CustomUnitDef],
    *,
    field: str = "quantity",
    allow_zero: bool = False,
) -> Decimal:
    """`amount` `unit` in the item's stock unit, rounded to storage; refuses amounts that vanish or
    become absurd in the stock unit."""
    exact = to_stock_exact(item, amount, unit, custom)
    stored = units.to_storage(exact)
    if stored == 0 and not (allow_zero and amount == 0):
        raise InvalidAmount(
            f"{units.format_amount(amount)} {unit or item.stock_unit} is too small to record for "
            f"{item.name}: stock is kept in {item.stock_unit} to 6 decimal places.",
            field=field,
        )
    if stored > units.MAX_AMOUNT:
        raise InvalidAmount(
            f"{units.format_amount(amount)} {unit or item.stock_unit} is "
            f"{quantity_words(stored, item.stock_unit, item.count_noun)}, more than one entry can hold. "
            f"Check the number and its unit.",
            field=field,
        )
    return stored


def from_stock(
    item: Item, amount: Decimal, unit: str | None, custom: Sequence[CustomUnitDef]
) -> Decimal:
    """A stock-unit amount in the caller's unit (exact), for messages and reports."""
    if unit is None or unit == item.stock_unit or amount == 0:
        return amount
    return units.convert(
        amount,
        item.stock_unit,
        unit,
        density=item.density_g_per_ml,
        custom_units=custom,
        item_name=item.name,
    )


def display_unit(item: Item, unit: str | None) -> str:
    if unit is None:
        return item.stock_unit
    standard = units.standard_unit(unit)
    return standard.code if standard else units.normalize_unit_name(unit)
