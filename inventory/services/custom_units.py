"""A workspace's own units (1 scoop = 2 tbsp, 1 bar = 113 g)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction

from inventory import units
from inventory.errors import InvalidCustomUnit, UnitError
from inventory.models import CustomUnit


def create_custom_unit(
    *, name: str, quantity: Decimal | int | str, unit: str, kind: str | None = None
) -> CustomUnit:
    """Define one `name` as `quantity` `unit` (a standard unit).

    `kind` is the unit's own nature: by default that of `unit` (same kind: 1 scoop = 2 tbsp), or
    "count" for a piece weighed or measured in `unit` (1 bar = 113 g: one bar is also one "each").
    Raises InvalidCustomUnit (bad or taken name), InvalidAmount, UnknownUnit, IncompatibleUnits.
    """
    normalized = units.normalize_unit_name(name)
    if not normalized:
        raise InvalidCustomUnit("Give the unit a name, such as scoop or bar.", field="name")
    if len(normalized) > 40:
        raise InvalidCustomUnit("A unit name can be at most 40 characters long.", field="name")
    if not any(ch.isalpha() for ch in normalized):
        raise InvalidCustomUnit("A unit name needs at least one letter.", field="name")
    if units.is_standard_unit(normalized):
        code = units.canonical_unit_code(normalized)
        raise InvalidCustomUnit(
            f"'{name}' already means {code}, a standard unit. Pick another name.", field="name"
        )
    amount = units.parse_amount(quantity)
    code = units.canonical_unit_code(unit)
    base = units.standard_unit(code)
    assert base is not None  # canonical_unit_code raised UnknownUnit for anything else
    kind = kind or base.dimension.value
    if kind not in CustomUnit.Kind.values:
        raise InvalidCustomUnit(
            f"Choose whether {normalized} is a weight, a volume or a count.", field="kind"
        )
    definition = units.CustomUnitDef(name=normalized, quantity=amount, unit=code, kind=kind)
    try:
        units.custom_unit(definition)
    except UnitError as exc:
        raise InvalidCustomUnit(exc.message, field=exc.field or "unit")
    stored = units.to_storage(amount)
    singular = normalized[:-1] if normalized.endswith("s") else None
    clash = CustomUnit.objects.filter(
        name__in=[n for n in (normalized, singular, f"{normalized}s") if n]
    )
    clashing = clash.first()
    if clashing is not None:
        raise InvalidCustomUnit(f"You already have a unit called {clashing.name}.", field="name")
    try:
        with transaction.atomic():
            return CustomUnit.objects.create(name=normalized, kind=kind, quantity=stored, unit=code)
    except IntegrityError:
        raise InvalidCustomUnit(f"You already have a unit called {normalized}.", field="name")


def delete_custom_unit(*, custom_unit: CustomUnit) -> None:
    """Remove a custom unit. Stock is kept in standard units, so no quantity depends on it."""
    CustomUnit.objects.filter(pk=custom_unit.pk).delete()
