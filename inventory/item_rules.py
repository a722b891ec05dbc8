"""The rules for an item's fields, written once. No database.

`create_item` and `update_item` clean every value through `clean_item_fields`; `ItemForm.clean`
asks the same function, so a form shows the services' own words; the import's dry run runs the
services themselves. Lengths come from the model's columns; shelf life from `inventory.shelf_life`,
which recipes and product SKUs share.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from batchtrack.field_rules import Refused, clean_fields, flag
from batchtrack.tags import clean_tags
from inventory import units
from inventory.errors import InvalidItem, UnitError
from inventory.models import Item
from inventory.shelf_life import clean_shelf_life

NAME_MAX_LENGTH = Item._meta.get_field("name").max_length
CATEGORY_MAX_LENGTH = Item._meta.get_field("category").max_length
PURCHASE_UNIT_MAX_LENGTH = Item._meta.get_field("purchase_unit").max_length
COUNT_NOUN_MAX_LENGTH = Item._meta.get_field("count_noun").max_length
INCI_MAX_LENGTH = Item._meta.get_field("inci_name").max_length
ALLERGEN_MAX_LENGTH = Item._meta.get_field("allergens").base_field.max_length
KINDS = tuple(Item.Kind.values)
MAX_DENSITY = Decimal("100")  # g/ml; osmium is 22.6
# Fields that come from the global ingredient library and stay locked while an item is linked to it.
LIBRARY_LOCKED_FIELDS = ("name", "kind", "density_g_per_ml")


def _amount(value, key: str, label: str, *, allow_zero: bool, maximum=units.MAX_AMOUNT) -> Decimal:
    try:
        parsed = units.parse_amount(
            value, field=key, allow_zero=allow_zero, label=label, maximum=maximum
        )
    except UnitError as exc:
        raise Refused(exc.message)
    return units.to_storage(parsed)


def _name(value) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise Refused("Give the item a name.")
    if len(name) > NAME_MAX_LENGTH:
        raise Refused(f"The name can be at most {NAME_MAX_LENGTH} characters long.")
    return name


def _stock_unit(value) -> str:
    standard = ", ".join(units.STANDARD_UNIT_CODES)
    if value is None or not str(value).strip():
        raise Refused(f"Choose the unit stock is kept in: {standard}.")
    try:
        return units.canonical_unit_code(value)
    except UnitError:
        raise Refused(f"'{value}' can't be a stock unit. Keep stock in one of {standard}.")


def _kind(value) -> str:
    if value not in KINDS:
        raise Refused(f"Choose what the item is: {', '.join(KINDS)}.")
    return value


def _density(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return _amount(value, "density_g_per_ml", "density", allow_zero=False, maximum=MAX_DENSITY)


def _shelf_life(value) -> int | None:
    try:
        return clean_shelf_life(value)
    except ValueError as exc:
        raise Refused(str(exc))


def _purchase_unit(value) -> str:
    """A standard unit's code, or a custom unit's name as written (whether it converts to the stock
    unit needs the workspace's units and the density: `update_item` checks that)."""
    text = " ".join(str(value or "").split())
    if not text:
        return ""
    if len(text) > PURCHASE_UNIT_MAX_LENGTH:
        raise Refused(f"A unit name can be at most {PURCHASE_UNIT_MAX_LENGTH} characters long.")
    standard = units.standard_unit(text)
    return standard.code if standard else units.normalize_unit_name(text)


def _count_noun(value) -> str:
    """What one counted piece is called, in lower case and single spaces ("bar", "glass jar")."""
    text = " ".join(str(value or "").split()).lower()
    if len(text) > COUNT_NOUN_MAX_LENGTH:
        raise Refused(f"What you count it in can be at most {COUNT_NOUN_MAX_LENGTH} characters.")
    return text


def _supplier_link(value) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
        raise Refused("Choose a supplier from your supplier list.")
    return value


def _library_link(value) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
        raise Refused("That isn't a library item.")
    return value


def _inci_name(value) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > INCI_MAX_LENGTH:
        raise Refused(f"The INCI name can be at most {INCI_MAX_LENGTH} characters long.")
    return text


def _allergens(value) -> list[str]:
    """Trimmed, blanks and repeats (ignoring case) dropped, the first spelling kept: the library's
    own rule (LibraryItem.normalize), so a copied list stays as it was."""
    kept: list[str] = []
    for allergen in value or ():
        text = " ".join(str(allergen).split())
        if len(text) > ALLERGEN_MAX_LENGTH:
            raise Refused(f"An allergen can be at most {ALLERGEN_MAX_LENGTH} characters long.")
        if text and text.casefold() not in {k.casefold() for k in kept}:
            kept.append(text)
    return kept


def _tags(value) -> list[str]:
    return clean_tags(value, owner="An item")


_CLEANERS = {
    "name": _name,
    "stock_unit": _stock_unit,
    "kind": _kind,
    "category": lambda value: " ".join(str(value or "").split())[:CATEGORY_MAX_LENGTH],
    "notes": lambda value: str(value or ""),
    "density_g_per_ml": _density,
    "shelf_life_days": _shelf_life,
    "low_stock_threshold": lambda value: _amount(
        value, "low_stock_threshold", "low-stock threshold", allow_zero=True
    ),
    "untracked_unit_cost": lambda value: _amount(
        value, "untracked_unit_cost", "cost", allow_zero=True, maximum=units.MAX_COST
    ),
    "is_tracked": flag,
    "is_archived": flag,
    "library_item_id": _library_link,
    "purchase_unit": _purchase_unit,
    "count_noun": _count_noun,
    "usual_supplier_id": _supplier_link,
    "inci_name": _inci_name,
    "allergens": _allergens,
    "tags": _tags,
}


def clean_item_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The given fields (any of create_item's arguments, and `is_archived`) cleaned as stored.

    Collects every problem and raises one InvalidItem: its message joins them, `field` is the first
    field with a problem and `details["errors"]` maps each field to its message."""
    return clean_fields(values, _CLEANERS, InvalidItem)
