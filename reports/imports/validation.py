"""Checking every row of an import before anything is written: the dry run.

The rules for an item's fields and for its opening stock belong to inventory, so the dry run asks
them, without writing: each row is read into the arguments of `inventory.services.create_item` and
`receive`, then checked by the same rules those services apply (`inventory.item_rules` for the
fields, the workspace's active names for uniqueness, `inventory.services.preview_receive` for the
quantity, unit, cost and dates). Rehearsing the writes in a rolled-back transaction would say the same
at ~17 statements a row (a 10,000-row file: over a minute in the request instead of a second); the
real import still runs the services, and anything that fails there (something changed meanwhile)
rolls the whole import back. What is left here is reading cells into those arguments and the rules of
the file itself: each item once, products come from the Products page, no opening details without an
opening quantity, and the item limit for the file as a whole (`reports.services.imports`).

Each row gets a list of plain messages ("Row 7: 'litrez' can't be a stock unit. ..."). When a row's
item is refused, its opening stock can't be tried (it needs the item), so its problems show once the
item is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from batchtrack.errors import DomainError
from inventory import services as inventory
from inventory import units
from inventory.display import format_amount
from inventory.errors import InvalidItem
from inventory.item_rules import clean_item_fields
from inventory.models import Item
from inventory.services.items import duplicate_name_error

IMPORTABLE_KINDS = [k for k in Item.Kind.values if k != Item.Kind.PRODUCT]
OPENING_FIELDS = {
    "unit": "unit",
    "unit_cost": "unit cost",
    "supplier": "supplier",
    "lot_code": "lot code",
    "expires_on": "expires on",
}


@dataclass
class RowCheck:
    row: int
    name: str
    errors: list[str] = field(default_factory=list)
    item: dict = field(default_factory=dict)  # create_item's keyword arguments
    opening: dict | None = None  # receive's keyword arguments (without the item)
    # What the rehearsal created, in the words of the preview: stock unit, opening unit and amounts.
    created: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """What the row will create, in words, for the preview (as the services stored it, or as
        given when the rehearsal stopped at the item limit)."""
        o = self.opening or {}
        made = {
            "stock_unit": self.item["stock_unit"],
            "unit": o.get("unit") or self.item["stock_unit"],
            "quantity": o.get("quantity"),
            "unit_cost": o.get("unit_cost"),
            **self.created,
        }
        text = f"{self.item['kind']}, kept in {made['stock_unit']}"
        if self.opening:
            text += (
                f"; opening stock {_amount_words(made['quantity'])} {made['unit']} at "
                f"{_amount_words(made['unit_cost'])} per {made['unit']}"
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


def _amount_words(value: object) -> str:
    try:
        return format_amount(units.parse_amount(value, allow_zero=True))
    except (DomainError, TypeError):
        return _text(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _shown(value: object) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _amount(raw: object) -> object:
    """A number cell as the services take it (they judge it): exact numbers stay numbers, a finite
    float from a workbook becomes the Decimal it shows, anything else is passed as its text."""
    if raw is None or (isinstance(raw, (int, Decimal)) and not isinstance(raw, bool)):
        return raw
    if isinstance(raw, float) and raw == raw and abs(raw) != float("inf"):
        return Decimal(repr(raw))
    return _text(raw)


def _whole(raw: object) -> object:
    """A days cell: a whole number as an int, anything else as given (the service refuses it)."""
    text = _text(raw)
    return int(text) if not isinstance(raw, bool) and text.isdigit() else raw


class _Row:
    def __init__(self, number: int, values: dict[str, object], name: str):
        self.number = number
        self.values = values
        self.name = name
        self.errors: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(f"Row {self.number}: {message}")

    def refused(self, exc: DomainError) -> None:
        """A service's refusal, one message per problem, as the rest of the row's sentence."""
        problems = exc.details.get("errors") if isinstance(exc, InvalidItem) else None
        for message in problems.values() if isinstance(problems, dict) else [exc.message]:
            keep = not message or (self.name and message.startswith(self.name))
            self.error(message if keep else message[0].lower() + message[1:])


def existing_names() -> set[str]:
    """The workspace's active item names, lower-cased (names are unique among active items)."""
    names = Item.objects.filter(is_archived=False).values_list("name", flat=True)
    return {name.lower() for name in names}


def check_rows(
    rows: list[tuple[int, dict[str, object]]],
    *,
    existing_names: set[str],
    zone: ZoneInfo,
    custom_units: list[units.CustomUnitDef],
) -> list[RowCheck]:
    """Check every row: read it, apply the file's rules, then inventory's rules for the item and its
    opening stock. Writes nothing."""
    first_row_of: dict[str, int] = {}
    checks = []
    for number, values in rows:
        check = RowCheck(row=number, name=_text(values.get("name")))
        row = _Row(number, values, check.name)
        _read_item(row, check)
        key = check.name.lower()
        if key in first_row_of:
            row.error(
                f"'{_shown(check.name)}' is already on row {first_row_of[key]} of this file; "
                "list each item once."
            )
        elif key:
            first_row_of[key] = number
        _read_opening(row, check, zone)
        _apply_inventory_rules(row, check, existing_names, custom_units)
        check.errors = row.errors
        checks.append(check)
    return checks


def _apply_inventory_rules(row: _Row, check: RowCheck, taken: set[str], custom_units) -> None:
    """The item through `clean_item_fields` and the unique-name rule, then its opening stock through
    `preview_receive` (what `receive` would store, with the same checks), on an unsaved item."""
    try:
        fields = clean_item_fields(check.item)
    except InvalidItem as exc:
        row.refused(exc)
        return
    if fields["name"].lower() in taken:
        row.refused(duplicate_name_error(fields["name"]))
        return
    check.created["stock_unit"] = fields["stock_unit"]
    if check.opening is None:
        return
    opening = check.opening
    try:
        preview = inventory.preview_receive(
            item=Item(**fields),
            quantity=opening["quantity"],
            unit=opening["unit"],
            unit_cost=opening["unit_cost"],
            expires_at=opening["expires_at"],
            custom_units=custom_units,
            require_cost=True,
        )
    except DomainError as exc:
        row.refused(exc)
        return
    check.created["unit"] = preview.unit


def _read_item(row: _Row, check: RowCheck) -> None:
    values = row.values
    kind = _text(values.get("kind")).lower()
    if kind == Item.Kind.PRODUCT:
        row.error(
            "products are created on the Products page, each with its SKU, not imported; use "
            f"{', '.join(IMPORTABLE_KINDS)}."
        )
    threshold = _amount(values.get("low_stock_threshold"))
    check.item = {
        "name": check.name,
        "kind": kind,
        "stock_unit": _text(values.get("stock_unit")),
        "density_g_per_ml": _amount(values.get("density")),
        "shelf_life_days": _whole(values.get("shelf_life_days")),
        "low_stock_threshold": threshold if threshold is not None else Decimal(0),
    }


def _read_opening(row: _Row, check: RowCheck, zone: ZoneInfo) -> None:
    values = row.values
    if values.get("opening_quantity") is None:
        given = [label for key, label in OPENING_FIELDS.items() if values.get(key) is not None]
        if given:
            row.error(
                f"there is no opening quantity, so the {', '.join(given)} can't be used; add the "
                "quantity or clear them."
            )
        return
    check.opening = {
        "quantity": _amount(values.get("opening_quantity")),
        "unit": _text(values.get("unit")) or None,
        "unit_cost": _amount(values.get("unit_cost")),
        "supplier": _text(values.get("supplier")),
        "supplier_lot_code": _text(values.get("lot_code")),
        "expires_at": _expiry(row, zone),
    }


def _expiry(row: _Row, zone: ZoneInfo) -> datetime | None:
    """`expires on` as 00:00 of that day in the workspace's zone (the stock counts as expired from
    the start of that day)."""
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
    return datetime.combine(day, time.min, tzinfo=zone)
