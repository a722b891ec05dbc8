"""Checking every row of an import before anything is written: the dry run.

Each row gets a list of plain messages ("Row 7: 'litrez' is not a unit we know; use g, kg, ...") and,
when it has none, the values `inventory.services.create_item` and `receive` will be called with. The
checks mirror those services (same limits, same unit rules), so a file that passes the dry run
imports; whatever still fails at import time (something changed meanwhile) rolls the whole import back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from inventory import units
from inventory.errors import IncompatibleUnits, MissingDensity, UnitError, format_amount
from inventory.item_rules import MAX_DENSITY
from inventory.models import Item
from inventory.shelf_life import MAX_SHELF_LIFE_DAYS

IMPORTABLE_KINDS = [k for k in Item.Kind.values if k != Item.Kind.PRODUCT]
OPENING_FIELDS = {
    "unit": "unit",
    "unit_cost": "unit cost",
    "supplier": "supplier",
    "lot_code": "lot code",
    "expires_on": "expires on",
}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass
class RowCheck:
    row: int
    name: str
    errors: list[str] = field(default_factory=list)
    item: dict = field(default_factory=dict)  # create_item's keyword arguments
    opening: dict | None = None  # receive's keyword arguments (without the item)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """What the row will create, in words, for the preview."""
        text = f"{self.item['kind']}, kept in {self.item['stock_unit']}"
        if self.opening:
            o = self.opening
            text += (
                f"; opening stock {format_amount(o['quantity'])} {o['unit']} at "
                f"{format_amount(o['unit_cost'])} per {o['unit']}"
            )
            if o["supplier_lot_code"]:
                text += f", lot {o['supplier_lot_code']}"
            if o["expires_at"]:
                text += f", expires {timezone.localdate(o['expires_at']).isoformat()}"
        return text

    def as_report(self) -> dict:
        entry = {"row": self.row, "name": self.name, "errors": self.errors}
        if self.ok:
            entry["summary"] = self.summary()
        return entry


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _shown(value: object) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Row:
    def __init__(self, number: int, values: dict[str, object]):
        self.number = number
        self.values = values
        self.errors: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(f"Row {self.number}: {message}")

    def number_in(
        self, key: str, label: str, *, allow_zero: bool, maximum: Decimal = units.MAX_AMOUNT
    ) -> Decimal | None:
        raw = self.values.get(key)
        if raw is None:
            return None
        if isinstance(raw, (bool, datetime, date)):
            amount = None
        elif isinstance(raw, int):
            amount = Decimal(raw)
        elif isinstance(raw, float):
            amount = Decimal(repr(raw)) if raw == raw and abs(raw) != float("inf") else None
        else:
            text = str(raw).strip()
            amount = Decimal(text) if _NUMBER.match(text) else None
        if amount is None:
            self.error(
                f"the {label} '{_shown(raw)}' isn't a number; write it like 250 or 12.5 (a dot "
                "for decimals, no thousands separators)."
            )
            return None
        try:
            return units.parse_amount(amount, allow_zero=allow_zero, label=label, maximum=maximum)
        except UnitError as exc:
            self.error(exc.message[0].lower() + exc.message[1:])
            return None


def check_rows(
    rows: list[tuple[int, dict[str, object]]],
    *,
    existing_names: set[str],
    custom_units: list[units.CustomUnitDef],
    zone: ZoneInfo,
    now: datetime | None = None,
) -> list[RowCheck]:
    """Check every row; `existing_names` are the active items' names in lower case."""
    now = now or timezone.now()
    first_row_of: dict[str, int] = {}
    checks = []
    for number, values in rows:
        row = _Row(number, values)
        check = RowCheck(row=number, name=_text(values.get("name")))
        _check_item(row, check)
        key = check.name.lower()
        if key:
            if key in first_row_of:
                row.error(
                    f"'{_shown(check.name)}' is already on row {first_row_of[key]} of this file; "
                    "list each item once."
                )
            else:
                first_row_of[key] = number
                if key in existing_names:
                    row.error(
                        f"you already have an item called '{_shown(check.name)}'. Remove the row, "
                        "or give this item another name."
                    )
        _check_opening(row, check, custom_units, zone, now)
        check.errors = row.errors
        checks.append(check)
    return checks


def _check_item(row: _Row, check: RowCheck) -> None:
    values = row.values
    if not check.name:
        row.error("the name is missing.")
    elif len(check.name) > 120:
        row.error("the name can be at most 120 characters long.")
    raw_kind = _text(values.get("kind"))
    kind = raw_kind.lower()
    if not raw_kind:
        row.error(f"the kind is missing; use {', '.join(IMPORTABLE_KINDS)}.")
    elif kind == Item.Kind.PRODUCT:
        row.error(
            "products are created on the Products page, each with its SKU, not imported; use "
            f"{', '.join(IMPORTABLE_KINDS)}."
        )
    elif kind not in IMPORTABLE_KINDS:
        row.error(f"'{_shown(raw_kind)}' is not a kind we know; use {', '.join(IMPORTABLE_KINDS)}.")
    raw_unit = _text(values.get("stock_unit"))
    stock_unit = None
    if not raw_unit:
        row.error(f"the stock unit is missing; use {', '.join(units.STANDARD_UNIT_CODES)}.")
    else:
        unit = units.standard_unit(raw_unit)
        if unit is None:
            row.error(
                f"'{_shown(raw_unit)}' is not a unit we know; use "
                f"{', '.join(units.STANDARD_UNIT_CODES)}."
            )
        else:
            stock_unit = unit.code
    density = row.number_in("density", "density", allow_zero=False, maximum=MAX_DENSITY)
    shelf_life = _shelf_life(row)
    threshold = row.number_in("low_stock_threshold", "low-stock threshold", allow_zero=True)
    check.item = {
        "name": check.name,
        "kind": kind,
        "stock_unit": stock_unit,
        "density_g_per_ml": density,
        "shelf_life_days": shelf_life,
        "low_stock_threshold": threshold if threshold is not None else Decimal(0),
    }


def _shelf_life(row: _Row) -> int | None:
    raw = row.values.get("shelf_life_days")
    if raw is None:
        return None
    text = _text(raw)
    if isinstance(raw, bool) or not text.isdigit() or not 1 <= int(text) <= MAX_SHELF_LIFE_DAYS:
        row.error(
            f"the shelf life '{_shown(raw)}' must be a whole number of days from 1 to "
            f"{MAX_SHELF_LIFE_DAYS}, or empty."
        )
        return None
    return int(text)


def _check_opening(row: _Row, check: RowCheck, custom_units, zone: ZoneInfo, now: datetime) -> None:
    values = row.values
    if values.get("opening_quantity") is None:
        given = [label for key, label in OPENING_FIELDS.items() if values.get(key) is not None]
        if given:
            row.error(
                f"there is no opening quantity, so the {', '.join(given)} can't be used; add the "
                "quantity or clear them."
            )
        return
    quantity = row.number_in("opening_quantity", "opening quantity", allow_zero=False)
    cost = row.number_in("unit_cost", "unit cost", allow_zero=True, maximum=units.MAX_COST)
    if values.get("unit_cost") is None:
        row.error("give the unit cost of the opening stock (0 if it was free).")
    stock_unit = check.item["stock_unit"]
    unit_name = _text(values.get("unit")) or stock_unit
    unit = None
    if unit_name:
        try:
            unit = units.resolve_unit(unit_name, custom_units)
        except UnitError:
            row.error(
                f"'{_shown(unit_name)}' is not a unit we know; use "
                f"{', '.join(units.STANDARD_UNIT_CODES)}, or add it as a custom unit first."
            )
    if unit is not None and stock_unit and quantity is not None:
        try:
            stock_qty = units.convert(
                quantity,
                unit,
                stock_unit,
                density=check.item["density_g_per_ml"],
                custom_units=custom_units,
                item_name=check.name or "This item",
            )
        except MissingDensity:
            row.error(
                f"the opening stock is in {unit.code} ({unit.dimension.label}) but the item is "
                f"kept in {stock_unit}; add its density (g/ml) in the density column."
            )
        except IncompatibleUnits:
            row.error(
                f"the opening stock is in {unit.code} ({unit.dimension.label}), which can't be "
                f"turned into the stock unit {stock_unit}. Give it in the stock unit."
            )
        else:
            if units.to_storage(stock_qty) == 0 or stock_qty > units.MAX_AMOUNT:
                row.error(
                    f"{format_amount(quantity)} {unit.code} is "
                    f"{format_amount(stock_qty)} {stock_unit}, which can't be recorded."
                )
    supplier = _text(values.get("supplier"))
    lot_code = _text(values.get("lot_code"))
    if len(supplier) > 120:
        row.error("the supplier can be at most 120 characters long.")
    if len(lot_code) > 80:
        row.error("the lot code can be at most 80 characters long.")
    expires_at = _expiry(row, zone, now)
    check.opening = {
        "quantity": quantity,
        "unit": unit.code if unit is not None else unit_name,
        "unit_cost": cost,
        "supplier": supplier,
        "supplier_lot_code": lot_code,
        "expires_at": expires_at,
    }


def _expiry(row: _Row, zone: ZoneInfo, now: datetime) -> datetime | None:
    """`expires on` as 00:00 of that day in the workspace's zone (the stock counts as expired from
    the start of that day); it must be in the future."""
    raw = row.values.get("expires_on")
    if raw is None:
        return None
    if isinstance(raw, datetime):
        day = raw.date()
    elif isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(_text(raw))
        except ValueError:
            row.error(
                f"the expiry date '{_shown(raw)}' isn't a date; write it as year-month-day, for "
                "example 2027-03-31."
            )
            return None
    moment = datetime.combine(day, time.min, tzinfo=zone)
    if moment <= now:
        row.error(f"the expiry date {day.isoformat()} has passed; correct it or leave it empty.")
        return None
    return moment


def existing_names() -> set[str]:
    names = Item.objects.filter(is_archived=False).values_list("name", flat=True)
    return {name.lower() for name in names}
