"""The FIFO scan: an item's open lots in FIFO order (received_at, id) that cover a need, read through the
open-lot index one lot at a time and stopping as soon as the need is covered, so its cost follows the
lots taken, not the lots held. Private to `inventory.services`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection

from inventory.fifo import OpenLot
from inventory.lot_rules import usable_lots_sql
from inventory.models import InventoryPreferences, Lot, Movement


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


def _walk(targets: Mapping[int, Decimal], conditions: list[str], params: list[Any]):
    """A recursive CTE `walk(item_id, id, quantity_remaining, unit_cost, running)`: each item's open
    lots in the scope, oldest first, until `running` (the total so far) reaches the item's target; all
    of them when they don't reach it. Each step reads the next lot from the partial index
    inventory_lot_open_fifo (item_id, received_at, id WHERE quantity_remaining > 0)."""
    return _walk_sql(tuple(conditions)), [list(targets), list(targets.values()), *params, *params]


@cache
def _walk_sql(conditions: tuple[str, ...]) -> str:
    table = connection.ops.quote_name(Lot._meta.db_table)
    where = " AND ".join(["item_id = w.item_id", "quantity_remaining > 0", *conditions])
    lot = f"SELECT id, received_at, quantity_remaining, unit_cost FROM {table} WHERE {where}"
    return (
        "WITH RECURSIVE want(item_id, target) AS ("
        " SELECT * FROM UNNEST(%s::bigint[], %s::numeric[])),"
        " walk AS ("
        " SELECT w.item_id, w.target, l.id, l.received_at, l.quantity_remaining, l.unit_cost,"
        " l.quantity_remaining::numeric AS running"
        f" FROM want AS w CROSS JOIN LATERAL ({lot} ORDER BY received_at, id LIMIT 1) AS l"
        " UNION ALL"
        " SELECT w.item_id, w.target, l.id, l.received_at, l.quantity_remaining, l.unit_cost,"
        " w.running + l.quantity_remaining"
        f" FROM walk AS w CROSS JOIN LATERAL ({lot} AND (received_at, id) > (w.received_at, w.id)"
        " ORDER BY received_at, id LIMIT 1) AS l"
        " WHERE w.running < w.target)"
    )


def _lots_by_item(
    rows, item_ids, first: int = 0
) -> tuple[dict[int, list[OpenLot]], dict[int, Decimal]]:
    lots: dict[int, list[OpenLot]] = {pk: [] for pk in item_ids}
    for row in rows:
        if row[first] is not None:
            lots[row[first]].append(OpenLot(row[first + 1], row[first + 2], row[first + 3]))
    totals = {pk: sum((lot.remaining for lot in found), Decimal("0")) for pk, found in lots.items()}
    return lots, totals


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
    or (none given) every open lot. One query, reading only the lots it returns: when they cannot
    cover `need`, every eligible lot comes back, so the total is all that is eligible.
    """
    conditions, params = _scope_sql(usable_at, expired_at, lot_id)
    walk, walk_params = _walk({item_id: need}, conditions, params)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{walk} SELECT item_id, id, quantity_remaining, unit_cost FROM walk ORDER BY running",
            walk_params,
        )
        lots, totals = _lots_by_item(cursor.fetchall(), [item_id])
    return lots[item_id], totals[item_id]


def draw_inputs(
    targets: Mapping[int, Decimal], *, usable_at: datetime, idempotency_key: str | None
) -> tuple[str, Any, dict[int, list[OpenLot]], dict[int, Decimal]]:
    """Everything a consume reads after locking its items, in one statement: the costing method, the
    operation an idempotency key already names (None when unused), and each item's usable lots that
    cover its target (`fifo_lots`' rule, for several items at once).

    Read after the lock on purpose: under READ COMMITTED a statement sees what was committed when it
    started, so reading lots in the locking statement could miss a concurrent consumer's writes."""
    conditions, params = _scope_sql(usable_at, None, None)
    _, walk_params = _walk(targets, conditions, params)
    with connection.cursor() as cursor:
        cursor.execute(_draw_inputs_sql(tuple(conditions)), [*walk_params, idempotency_key])
        rows = cursor.fetchall()
    method = rows[0][0] or InventoryPreferences.CostingMethod.FIFO
    lots, totals = _lots_by_item(rows, targets, first=2)
    return method, rows[0][1], lots, totals


@cache
def _draw_inputs_sql(conditions: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    prefs = quote(InventoryPreferences._meta.db_table)
    ledger = quote(Movement._meta.db_table)
    return (
        f"{_walk_sql(conditions)} SELECT m.method, m.replay, walk.item_id, walk.id,"
        " walk.quantity_remaining, walk.unit_cost FROM (SELECT"
        f" (SELECT costing_method FROM {prefs} WHERE id = 1) AS method,"
        f" (SELECT operation_id FROM {ledger} WHERE idempotency_key = %s) AS replay) AS m"
        " LEFT JOIN walk ON true ORDER BY walk.item_id, walk.running"
    )


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
