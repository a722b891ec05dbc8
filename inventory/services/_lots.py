"""The FIFO scan: an item's open lots in FIFO order (received_at, id) that cover a need, in one query
whatever the number of lots, and their totals. Private to `inventory.services`."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection

from inventory.fifo import OpenLot
from inventory.lot_rules import usable_lots_sql
from inventory.models import Lot


def _scope_sql(
    usable_at: datetime | None, expired_at: datetime | None, lot_id: int | None
) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if usable_at is not None:
        usable, usable_params = usable_lots_sql(usable_at)
        conditions.append(usable)
        params += usable_params
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
