"""The rules for an item's fields, written once. No database.

`create_item` and `update_item` clean every value through `clean_item_fields`; `ItemForm.clean`
asks the same function, so a form shows the services' own words; the import's dry run runs the
services themselves. Lengths come from the model's columns; shelf life from `inventory.shelf_life`,
which recipes and product SKUs share.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from inventory import units
from inventory.errors import InvalidItem, UnitError
from inventory.models import Item
from inventory.shelf_life import clean_shelf_life

NAME_MAX_LENGTH = Item._meta.get_field("name").max_length
CATEGORY_MAX_LENGTH = Item._meta.get_field("category").max_length
KINDS = tuple(Item.Kind.values)
MAX_DENSITY = Decimal("100")  # g/ml; osmium is 22.6
# Fields that come from the global ingredient library and stay locked while an item is linked to it.
LIBRARY_LOCKED_FIELDS = ("name", "kind", "density_g_per_ml")


def clean_item_fields(values: dict[str, Any]) -> dict[str, Any]:
    """The given fields (any of create_item's arguments, and `is_archived`) cleaned as stored.

    Collects every problem and raises one InvalidItem: its message joins them, `field` is the first
    field with a problem and `details["errors"]` maps each field to its message."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}

    def amount(key: str, label: str, *, allow_zero: bool, maximum=units.MAX_AMOUNT):
        try:
            return units.parse_amount(
                values[key], field=key, allow_zero=allow_zero, label=label, maximum=maximum
            )
        except UnitError as exc:
            errors[key] = exc.message
            return None

    if "name" in values:
        name = " ".join(str(values["name"] or "").split())
        if not name:
            errors["name"] = "Give the item a name."
        elif len(name) > NAME_MAX_LENGTH:
            errors["name"] = f"The name can be at most {NAME_MAX_LENGTH} characters long."
        clean["name"] = name
    if "stock_unit" in values:
        standard = ", ".join(units.STANDARD_UNIT_CODES)
        raw_unit = values["stock_unit"]
        if raw_unit is None or not str(raw_unit).strip():
            errors["stock_unit"] = f"Choose the unit stock is kept in: {standard}."
        else:
            try:
                clean["stock_unit"] = units.canonical_unit_code(raw_unit)
            except UnitError:
                errors["stock_unit"] = (
                    f"'{raw_unit}' can't be a stock unit. Keep stock in one of {standard}."
                )
    if "kind" in values:
        if values["kind"] not in KINDS:
            errors["kind"] = f"Choose what the item is: {', '.join(KINDS)}."
        clean["kind"] = values["kind"]
    if "category" in values:
        clean["category"] = " ".join(str(values["category"] or "").split())[:CATEGORY_MAX_LENGTH]
    if "notes" in values:
        clean["notes"] = str(values["notes"] or "")
    if "density_g_per_ml" in values:
        if values["density_g_per_ml"] in (None, ""):
            clean["density_g_per_ml"] = None
        else:
            density = amount("density_g_per_ml", "density", allow_zero=False, maximum=MAX_DENSITY)
            if density is not None:
                clean["density_g_per_ml"] = units.to_storage(density)
    if "shelf_life_days" in values:
        try:
            clean["shelf_life_days"] = clean_shelf_life(values["shelf_life_days"])
        except ValueError as exc:
            errors["shelf_life_days"] = str(exc)
    if "low_stock_threshold" in values:
        threshold = amount("low_stock_threshold", "low-stock threshold", allow_zero=True)
        if threshold is not None:
            clean["low_stock_threshold"] = units.to_storage(threshold)
    if "untracked_unit_cost" in values:
        cost = amount("untracked_unit_cost", "cost", allow_zero=True, maximum=units.MAX_COST)
        if cost is not None:
            clean["untracked_unit_cost"] = units.to_storage(cost)
    for flag in ("is_tracked", "is_archived"):
        if flag in values:
            if not isinstance(values[flag], bool):
                errors[flag] = "Choose yes or no."
            clean[flag] = values[flag]
    if "library_item_id" in values:
        link = values["library_item_id"]
        if link is not None and (isinstance(link, bool) or not isinstance(link, int) or link <= 0):
            errors["library_item_id"] = "That isn't a library item."
        clean["library_item_id"] = link
    if errors:
        raise InvalidItem(" ".join(errors.values()), field=next(iter(errors)), errors=errors)
    return clean
