"""Locking the items a change touches, and the checks every stock change makes on a locked item.
Private to `inventory.services`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection

from inventory import units
from inventory.errors import InvalidAmount, ItemArchived, ItemNotFound, ItemNotTracked
from inventory.models import Item
from inventory.services._inputs import item_pk

# Largest on-hand balance an item may reach (Decimal(20, 6) holds up to 1e14).
MAX_ON_HAND = Decimal("10000000000000")


def lock_items(items: Iterable[Item | int]) -> dict[int, Item]:
    """Lock the items' rows (FOR UPDATE) in ascending id order, so concurrent multi-item changes
    cannot deadlock; raises ItemNotFound for an id that does not exist in this workspace."""
    ids = sorted({item_pk(item) for item in items})
    sql, names, converted = _lock_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids])
        rows = cursor.fetchall()
    if converted:  # columns the database hands back raw (JSON text): as the ORM would read them
        rows = [list(row) for row in rows]
        for row in rows:
            for index, field in converted:
                row[index] = field.from_db_value(row[index], None, connection)
    locked = {row[0]: Item.from_db(connection.alias, names, row) for row in rows}
    missing = [pk for pk in ids if pk not in locked]
    if missing:
        raise ItemNotFound(
            "That item no longer exists in this workspace. Reload the page and pick it again.",
            field="item",
            item_ids=missing,
        )
    return locked


@cache
def _lock_sql() -> tuple[str, list[str], list[tuple[int, Any]]]:
    """SELECT every column FOR UPDATE, hand-written: the ORM compiled this statement on every stock
    change, at about a third of a consume's CPU. The id comes first (the rows' keys above). Also the
    fields whose values need converting after the read (their index in the row, the field)."""
    quote = connection.ops.quote_name
    fields = Item._meta.concrete_fields
    assert fields[0].primary_key
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(Item._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE id = ANY(%s) ORDER BY id FOR UPDATE"
    converted = [(i, f) for i, f in enumerate(fields) if hasattr(f, "from_db_value")]
    return sql, [field.attname for field in fields], converted


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


def check_room(item: Item, adding: Decimal) -> None:
    if item.on_hand + adding > MAX_ON_HAND:
        raise InvalidAmount(
            f"That would bring {item.name} to more than {units.format_amount(MAX_ON_HAND)} "
            f"{item.stock_unit} on hand. Check the number and its unit.",
            field="quantity",
        )
