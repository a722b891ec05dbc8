"""Helpers every inventory service shares: locking, unit conversion against an item, FIFO lot scans and
set-based writes. Private to `inventory.services`: other apps call the services, never these."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from inventory import units
from inventory.errors import (
    InvalidAmount,
    InvalidDate,
    InventoryError,
    ItemArchived,
    ItemNotFound,
    ItemNotTracked,
)
from inventory.models import CustomUnit, InventoryPreferences, Item, Lot, Movement
from inventory.units import CustomUnitDef

# Largest on-hand balance an item may reach (Decimal(20, 6) holds up to 1e14).
MAX_ON_HAND = Decimal("10000000000000")

Reference = tuple[str, int]


@dataclass(frozen=True)
class ConsumeLine:
    """`quantity` of `item` in `unit` (None: the item's stock unit)."""

    item: Item | int
    quantity: Decimal | int | str
    unit: str | None = None


LineLike = ConsumeLine | tuple


def as_line(line: LineLike) -> ConsumeLine:
    """A ConsumeLine from itself or from an (item, quantity[, unit]) tuple."""
    return line if isinstance(line, ConsumeLine) else ConsumeLine(*line)


def item_pk(item: Item | int) -> int:
    if isinstance(item, Item):
        if item.pk is None:
            raise ItemNotFound("That item hasn't been saved yet.")
        return item.pk
    if isinstance(item, bool) or not isinstance(item, int):
        raise TypeError(f"Expected an Item or an item id, got {type(item).__name__}.")
    return item


def lock_items(items: Iterable[Item | int]) -> dict[int, Item]:
    """Lock the items' rows (FOR UPDATE) in ascending id order, so concurrent multi-item changes
    cannot deadlock; raises ItemNotFound for an id that does not exist in this workspace."""
    ids = sorted({item_pk(item) for item in items})
    locked = {
        item.pk: item for item in Item.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    missing = [pk for pk in ids if pk not in locked]
    if missing:
        raise ItemNotFound(
            "That item no longer exists in this workspace. Reload the page and pick it again.",
            field="item",
            item_ids=missing,
        )
    return locked


def lock_item(item: Item | int) -> Item:
    return lock_items([item])[item_pk(item)]


def require_active(item: Item) -> None:
    if item.is_archived:
        raise ItemArchived(
            f"{item.name} is archived. Restore it from the archive before changing its stock.",
            field="item",
        )


def require_tracked(item: Item, action: str) -> None:
    if not item.is_tracked:
        raise ItemNotTracked(
            f"{item.name} isn't stock-tracked, so it has no stock to {action}. Turn on stock tracking "
            f"on the item page, or just record its usage.",
            field="item",
        )


def reference_parts(reference: Reference | None) -> tuple[str, int | None]:
    if reference is None:
        return "", None
    try:
        kind, ref_id = reference
    except (TypeError, ValueError):
        raise TypeError("A reference is a (type, id) pair such as ('batch', 42).")
    if not isinstance(kind, str) or not kind.strip() or len(kind) > 40:
        raise TypeError("A reference type is a non-empty string of at most 40 characters.")
    if isinstance(ref_id, bool) or not isinstance(ref_id, int):
        raise TypeError("A reference id is an integer.")
    return kind.strip(), ref_id


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
            f"{units.format_amount(stored)} {item.stock_unit}, more than one entry can hold. "
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


def aware(value: datetime | None, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise InvalidDate(f"Give {field.replace('_', ' ')} as a date and time.", field=field)
    if timezone.is_naive(value):
        raise InvalidDate(f"{field.replace('_', ' ').capitalize()} needs a time zone.", field=field)
    return value


def costing_method() -> str:
    """The workspace's costing method: "fifo" (default) or "average". Read it after locking the items
    a change touches: switching methods locks them too, so the two never interleave."""
    prefs = InventoryPreferences.objects.filter(pk=1).only("costing_method").first()
    return prefs.costing_method if prefs else InventoryPreferences.CostingMethod.FIFO


def uses_average(method: str | None = None) -> bool:
    return (method or costing_method()) == InventoryPreferences.CostingMethod.AVERAGE


def replacement_cost(item: Item) -> Decimal:
    """Cost per stock unit for stock that appears without a purchase (recount up, returns without a
    source): the average of what is on hand, else the cost of the newest lot, else zero."""
    average = item.average_cost
    if average is not None:
        return units.to_storage(average)
    newest = (
        Lot.objects.filter(item_id=item.pk)
        .order_by("-received_at", "-id")
        .values_list("unit_cost", flat=True)
        .first()
    )
    return newest if newest is not None else Decimal("0")


@dataclass(frozen=True)
class OpenLot:
    id: int
    remaining: Decimal
    unit_cost: Decimal


def _scope_sql(
    usable_at: datetime | None, expired_at: datetime | None, lot_id: int | None
) -> tuple[list[str], list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if usable_at is not None:
        conditions.append("(expires_at IS NULL OR expires_at > %s)")
        conditions.append("(hold_until IS NULL OR hold_until <= %s)")
        params += [usable_at, usable_at]
    if expired_at is not None:
        conditions.append("expires_at <= %s")
        params.append(expired_at)
    if lot_id is not None:
        conditions.append("id = %s")
        params.append(lot_id)
    return conditions, params


def fifo_lots(
    item_id: int,
    need: Decimal,
    *,
    usable_at: datetime | None = None,
    expired_at: datetime | None = None,
    lot_id: int | None = None,
) -> tuple[list[OpenLot], Decimal]:
    """The open lots, oldest first (received_at, id), that cover `need`, and their total.

    Scope: lots usable at `usable_at` (not expired, not curing), lots expired at `expired_at`, one lot,
    or (none given) every open lot. One query, whatever the number of lots: a running sum keeps the
    lots whose predecessors hold less than `need`. When they cannot cover `need`, every eligible lot
    comes back, so the total is all that is eligible.

    Hand-written SQL on purpose: this is the hot path of every consume, and Django compiles a filter on
    a window function (its QUALIFY emulation) several times slower than PostgreSQL runs the query.
    """
    conditions, params = _scope_sql(usable_at, expired_at, lot_id)
    where = " AND ".join(["item_id = %s", "quantity_remaining > 0", *conditions])
    table = connection.ops.quote_name(Lot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, quantity_remaining, unit_cost FROM ("
            " SELECT id, quantity_remaining, unit_cost, received_at,"
            " SUM(quantity_remaining) OVER (ORDER BY received_at, id) AS running"
            f" FROM {table} WHERE {where}"
            ") AS open_lots WHERE running - quantity_remaining < %s ORDER BY received_at, id",
            [item_id, *params, need],
        )
        lots = [OpenLot(id=row[0], remaining=row[1], unit_cost=row[2]) for row in cursor.fetchall()]
    return lots, sum((lot.remaining for lot in lots), Decimal("0"))


def sum_lots(
    item_id: int,
    *,
    usable_at: datetime | None = None,
    expired_at: datetime | None = None,
    lot_id: int | None = None,
) -> Decimal:
    """Total remaining in an item's open lots, in the same scopes as `fifo_lots`."""
    conditions, params = _scope_sql(usable_at, expired_at, lot_id)
    where = " AND ".join(["item_id = %s", "quantity_remaining > 0", *conditions])
    table = connection.ops.quote_name(Lot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(quantity_remaining), 0) FROM {table} WHERE {where}",
            [item_id, *params],
        )
        return cursor.fetchone()[0]


def add_to_columns(model, columns: Sequence[str], deltas: Mapping[int, Sequence[Decimal]]) -> None:
    """Add signed deltas to `columns` of many rows in one statement (UPDATE ... FROM VALUES).

    Relative updates keep the CHECK constraints meaningful as the last line of defence, and updating
    every column in one statement means row checks (reserved <= on_hand) see only the final row.
    """
    deltas = {pk: tuple(d) for pk, d in deltas.items() if any(x != 0 for x in d)}
    if not deltas:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    cols = [quote(model._meta.get_field(name).column) for name in columns]
    row = "(%s::bigint, " + ", ".join(["%s::numeric"] * len(cols)) + ")"
    values = ", ".join([row] * len(deltas))
    names = ", ".join(f"d{i}" for i in range(len(cols)))
    sets = ", ".join(f"{col} = t.{col} + v.d{i}" for i, col in enumerate(cols))
    params: list[object] = []
    for pk, d in deltas.items():
        params.append(pk)
        params.extend(d)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET {sets} FROM (VALUES {values}) AS v(id, {names}) "
            f"WHERE t.id = v.id",
            params,
        )


def change_lots(deltas: Mapping[int, Decimal]) -> None:
    """Add signed deltas to lots' quantity_remaining."""
    add_to_columns(Lot, ["quantity_remaining"], {pk: (d,) for pk, d in deltas.items()})


def change_balances(deltas: Mapping[int, tuple[Decimal, ...]]) -> None:
    """Add (on_hand, reserved[, stock_value]) deltas to items, all in one statement per call."""
    add_to_columns(
        Item,
        ["on_hand", "reserved", "stock_value"],
        {pk: (*d, Decimal("0"))[:3] for pk, d in deltas.items()},
    )


def check_room(item: Item, adding: Decimal) -> None:
    if item.on_hand + adding > MAX_ON_HAND:
        raise InvalidAmount(
            f"That would bring {item.name} to more than {units.format_amount(MAX_ON_HAND)} "
            f"{item.stock_unit} on hand. Check the number and its unit.",
            field="quantity",
        )


def new_operation() -> uuid.UUID:
    return uuid.uuid4()


def replayed_movements(idempotency_key: str | None) -> list[Movement] | None:
    """The movements a previous call with this idempotency key wrote, or None if there was none."""
    if not idempotency_key:
        return None
    if len(idempotency_key) > 100:
        raise InventoryError(
            "An idempotency key is at most 100 characters.", field="idempotency_key"
        )
    first = (
        Movement.objects.filter(idempotency_key=idempotency_key)
        .values_list("operation_id", flat=True)
        .first()
    )
    if first is None:
        return None
    return list(Movement.objects.filter(operation_id=first).order_by("id"))
