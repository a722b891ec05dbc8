"""Checking recipe lines and version content before anything is written.

Every problem of every line is collected and raised once, so a maker fixes the whole form in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from batchtrack.errors import DomainError
from batchtrack.field_rules import Refused
from batchtrack.tags import clean_tags
from inventory import units
from inventory.display import format_quantity
from inventory.models import Item
from inventory.shelf_life import clean_shelf_life
from inventory.units import CustomUnitDef
from recipes.categories import fields_for
from recipes.errors import InvalidLine, InvalidRecipe, NotPublishable
from recipes.selectors import custom_unit_defs

MAX_CURE_DAYS = 3650


@dataclass(frozen=True)
class LineInput:
    """One line as a maker writes it: `quantity` `unit` of the item with id `item_id`."""

    item_id: int | None
    quantity: Decimal | int | str
    unit: str
    note: str = ""


@dataclass(frozen=True)
class VersionContent:
    """Everything a version holds; a draft is saved from one and published versions copy it.

    A draft may leave the yield (None or blank), its unit and the lines out; publishing needs them."""

    yield_quantity: Decimal | int | str | None
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
    yield_quantity: Decimal | None  # None: a draft without a yield yet
    yield_unit: str  # "" likewise
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
    repeats = _repeated_items(lines, items)
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
        if item.pk in repeats and number != repeats[item.pk][0]:
            # Said once, at the item's second line; its first line is checked as usual.
            if number == repeats[item.pk][1]:
                problems.append((number, _twice(item.name, repeats[item.pk])))
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
                    f"{format_quantity(quantity, unit)} is too small to take from stock "
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
        text = " ".join(f"Row {n}: {message}" for n, message in problems)
        raise InvalidLine(text, field="lines", problems=problems)
    return tuple(checked)


def _repeated_items(lines: Sequence[LineInput], items: Mapping[int, Item]) -> dict[int, list[int]]:
    """Item id -> its line numbers, for every known item on more than one line."""
    numbers: dict[int, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        if isinstance(line.item_id, int) and line.item_id in items:
            numbers.setdefault(line.item_id, []).append(number)
    return {pk: found for pk, found in numbers.items() if len(found) > 1}


def _twice(name: str, numbers: list[int]) -> str:
    times = "twice" if len(numbers) == 2 else f"{len(numbers)} times"
    listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    return (
        f"{name} is on this recipe {times} (rows {listed}). Put it in one row with the whole "
        "amount."
    )


def check_content(
    content: VersionContent, *, category: str, publish: bool = False
) -> CheckedContent:
    """Validate a version's fields and lines; raises InvalidRecipe or InvalidLine.

    A draft may leave the yield, its unit and the lines blank; with `publish` every missing piece is
    named in one NotPublishable (`details["missing"]`), checked before anything else.
    """
    custom = custom_unit_defs()
    if publish:
        check_publishable(content)
    yield_quantity = None
    if not _blank(content.yield_quantity):
        try:
            yield_quantity = units.parse_amount(
                content.yield_quantity, field="yield_quantity", label="yield"
            )
        except DomainError as exc:
            raise InvalidRecipe(exc.message, field="yield_quantity")
    yield_unit = ""
    if not _blank(content.yield_unit):
        try:
            yield_unit = canonical_unit(content.yield_unit, custom)
        except DomainError as exc:
            raise InvalidRecipe(f"Yield unit: {exc.message}", field="yield_unit")
    lines = check_lines(content.lines, custom=custom)
    return CheckedContent(
        yield_quantity=yield_quantity,
        yield_unit=yield_unit,
        lines=lines,
        portion_name=(content.portion_name or "").strip()[:40],
        instructions=(content.instructions or "").strip(),
        tags=_tags(content.tags),
        category_data=_category_data(category, content.category_data),
        shelf_life_days=_shelf_life(content.shelf_life_days),
        cure_days=_cure_days(content.cure_days),
        change_note=(content.change_note or "").strip()[:200],
    )


# What publishing needs that a draft may leave out: (field, how the maker calls it).
PUBLISH_NEEDS = (
    ("yield_quantity", "the yield (how much one batch makes)"),
    ("yield_unit", "the yield unit"),
    ("lines", "at least one ingredient line"),
)


def check_publishable(content: VersionContent) -> None:
    """Raise one NotPublishable naming every missing piece (yield, yield unit, lines), or nothing."""
    blank = {
        "yield_quantity": _blank(content.yield_quantity),
        "yield_unit": _blank(content.yield_unit),
        "lines": not content.lines,
    }
    missing = [(key, words) for key, words in PUBLISH_NEEDS if blank[key]]
    if not missing:
        return
    words = [w for _key, w in missing]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"
    raise NotPublishable(
        f"To publish, add {listed}. A draft can be saved without them.",
        field=missing[0][0] if len(missing) == 1 else None,
        missing=[key for key, _w in missing],
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _tags(tags: Iterable[str]) -> list[str]:
    try:
        return clean_tags(tags, owner="A recipe")
    except Refused as exc:
        raise InvalidRecipe(str(exc), field="tags") from None


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


def _shelf_life(value: int | None) -> int | None:
    try:
        return clean_shelf_life(value)
    except ValueError as exc:
        raise InvalidRecipe(str(exc), field="shelf_life_days")


def _cure_days(value: int | None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CURE_DAYS:
        raise InvalidRecipe(
            f"Cure time is a whole number of days from 1 to {MAX_CURE_DAYS}, or blank.",
            field="cure_days",
        )
    return value
