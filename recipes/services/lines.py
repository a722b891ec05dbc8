"""Checking recipe lines and version content before anything is written.

Every problem of every line is collected and raised once, so a maker fixes the whole form in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Item
from inventory.units import CustomUnitDef
from recipes.categories import fields_for
from recipes.errors import InvalidLine, InvalidRecipe
from recipes.selectors import custom_unit_defs

MAX_TAGS = 20
MAX_DAYS = 3650


@dataclass(frozen=True)
class LineInput:
    """One line as a maker writes it: `quantity` `unit` of the item with id `item_id`."""

    item_id: int | None
    quantity: Decimal | int | str
    unit: str
    note: str = ""


@dataclass(frozen=True)
class VersionContent:
    """Everything a version holds; a draft is saved from one and published versions copy it."""

    yield_quantity: Decimal | int | str
    yield_unit: str
    lines: Sequence[LineInput] = ()
    portion_name: str = ""
    instructions: str = ""
    tags: Sequence[str] = ()
    category_data: Mapping[str, object] = field(default_factory=dict)
    shelf_life_days: int | None = None
    cure_days: int | None = None
    change_note: str = ""


@dataclass(frozen=True)
class CheckedLine:
    item: Item
    quantity: Decimal
    unit: str  # canonical: a standard code or the custom unit's normalised name
    note: str


@dataclass(frozen=True)
class CheckedContent:
    yield_quantity: Decimal
    yield_unit: str
    lines: tuple[CheckedLine, ...]
    portion_name: str
    instructions: str
    tags: list[str]
    category_data: dict[str, str]
    shelf_life_days: int | None
    cure_days: int | None
    change_note: str


def canonical_unit(name: str, custom: Sequence[CustomUnitDef]) -> str:
    """The stored spelling of a unit: "grams" -> "g", " Bar " -> "bar"; raises UnknownUnit."""
    unit = units.resolve_unit(name, custom)
    return unit.code


def check_lines(
    lines: Iterable[LineInput], *, custom: Sequence[CustomUnitDef] | None = None
) -> tuple[CheckedLine, ...]:
    """Validate lines against this workspace's items and units; raises one InvalidLine for all."""
    lines = list(lines)
    custom = custom_unit_defs() if custom is None else custom
    ids = {line.item_id for line in lines if isinstance(line.item_id, int)}
    items = {item.pk: item for item in Item.objects.filter(pk__in=ids)}
    problems: list[tuple[int, str]] = []
    checked: list[CheckedLine] = []
    for number, line in enumerate(lines, start=1):
        item = items.get(line.item_id) if isinstance(line.item_id, int) else None
        if item is None:
            problems.append(
                (
                    number,
                    "choose an item from this workspace's inventory; that one doesn't exist here.",
                )
            )
            continue
        if item.is_archived:
            problems.append(
                (number, f"{item.name} is archived. Restore it or choose another item.")
            )
            continue
        try:
            quantity = units.parse_amount(line.quantity, label=f"quantity of {item.name}")
            unit = canonical_unit(line.unit, custom)
            factor = units.conversion_factor(
                unit,
                item.stock_unit,
                density=item.density_g_per_ml,
                custom_units=custom,
                item_name=item.name,
            )
            if units.to_storage(quantity * factor) == 0:
                raise InvalidLine(
                    f"{units.format_amount(quantity)} {unit} is too small to take from stock "
                    f"kept in {item.stock_unit}."
                )
        except DomainError as exc:
            problems.append((number, f"{item.name}: {exc.message}"))
            continue
        checked.append(
            CheckedLine(
                item=item, quantity=quantity, unit=unit, note=(line.note or "").strip()[:200]
            )
        )
    if problems:
        text = " ".join(f"Line {n}: {message}" for n, message in problems)
        raise InvalidLine(text, field="lines", problems=problems)
    return tuple(checked)


def check_content(
    content: VersionContent, *, category: str, require_lines: bool = False
) -> CheckedContent:
    """Validate a version's fields and lines; raises InvalidRecipe or InvalidLine."""
    custom = custom_unit_defs()
    try:
        yield_quantity = units.parse_amount(
            content.yield_quantity, field="yield_quantity", label="yield"
        )
    except DomainError as exc:
        raise InvalidRecipe(exc.message, field="yield_quantity")
    try:
        yield_unit = canonical_unit(content.yield_unit, custom)
    except DomainError as exc:
        raise InvalidRecipe(f"Yield unit: {exc.message}", field="yield_unit")
    lines = check_lines(content.lines, custom=custom)
    if require_lines and not lines:
        raise InvalidRecipe("Add at least one ingredient line before publishing.", field="lines")
    return CheckedContent(
        yield_quantity=yield_quantity,
        yield_unit=yield_unit,
        lines=lines,
        portion_name=(content.portion_name or "").strip()[:40],
        instructions=(content.instructions or "").strip(),
        tags=_tags(content.tags),
        category_data=_category_data(category, content.category_data),
        shelf_life_days=_days(content.shelf_life_days, "shelf_life_days", "Shelf life"),
        cure_days=_days(content.cure_days, "cure_days", "Cure time"),
        change_note=(content.change_note or "").strip()[:200],
    )


def _tags(tags: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for tag in tags or ():
        text = " ".join(str(tag).split()).lower()[:40]
        if text and text not in seen:
            seen.append(text)
    if len(seen) > MAX_TAGS:
        raise InvalidRecipe(f"A recipe can have at most {MAX_TAGS} tags.", field="tags")
    return seen


def _category_data(category: str, data: Mapping[str, object] | None) -> dict[str, str]:
    data = data or {}
    cleaned: dict[str, str] = {}
    for spec in fields_for(category):
        raw = data.get(spec.key)
        if raw is None or str(raw).strip() == "":
            continue
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            raise InvalidRecipe(f"{spec.label} must be a number.", field=spec.key)
        if not value.is_finite() or value < 0 or value > spec.maximum:
            raise InvalidRecipe(
                f"{spec.label} must be between 0 and {spec.maximum}{spec.suffix}.", field=spec.key
            )
        cleaned[spec.key] = format(value.normalize(), "f")
    return cleaned


def _days(value: int | None, field_name: str, label: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
        raise InvalidRecipe(
            f"{label} is a whole number of days from 1 to {MAX_DAYS}, or blank.", field=field_name
        )
    return value
