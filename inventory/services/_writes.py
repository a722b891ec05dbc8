"""Set-based writes of balances (lots' remaining, items' on hand, reserved and stock value) and the
ledger's operation ids and idempotency keys. Private to `inventory.services`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection

from inventory.errors import InventoryError
from inventory.models import Item, Lot, Movement, Reservation


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
    params: list[Any] = []
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
    return replayed_operation(first)


def replayed_operation(operation_id: uuid.UUID) -> list[Movement]:
    """The movements one service call wrote, in the order it wrote them."""
    return list(Movement.objects.filter(operation_id=operation_id).order_by("id"))


def write_consumption(
    rows: Sequence[tuple],
    common: Mapping[str, Any],
    lot_deltas: Mapping[int, Decimal],
    balances: Mapping[int, Sequence[Decimal]],
    reservation_closed: tuple[int, str, Any] | None = None,
) -> list[int]:
    """A consume's writes in one statement: its movements, the lots' remaining, the items' (on hand,
    reserved, stock value) deltas and, given (id, status, closed_at), the reservation it fulfils.

    `rows` are (item_id, lot_id, quantity, unit_cost, value, affects_stock, idempotency_key), inserted
    in this order; `common` holds the columns every row shares. Returns the movements' ids, in order.
    """
    sql = _consumption_sql(reservation_closed is not None)
    params: list[Any] = [
        common["kind"],
        common["reference_type"],
        common["reference_id"],
        common["actor_id"],
        common["note"],
        str(common["operation_id"]),
        common["created_at"],
        *(list(column) for column in zip(*rows, strict=True)),
        list(lot_deltas),
        list(lot_deltas.values()),
        list(balances),
        *(list(column) for column in zip(*balances.values(), strict=True)),
    ]
    if not balances:
        params += [[], [], []]
    if reservation_closed is not None:
        pk, status, closed_at = reservation_closed
        params += [status, closed_at, pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


@cache
def _consumption_sql(closes_reservation: bool) -> str:
    quote = connection.ops.quote_name
    ledger, lots, items = (quote(m._meta.db_table) for m in (Movement, Lot, Item))
    sql = (
        f"WITH moved AS (INSERT INTO {ledger} (item_id, lot_id, quantity, unit_cost, value,"
        " affects_stock, idempotency_key, kind, reference_type, reference_id, actor_id, note,"
        " operation_id, created_at)"
        " SELECT r.item_id, r.lot_id, r.quantity, r.unit_cost, r.value, r.affects_stock,"
        " r.idempotency_key, %s::varchar, %s::varchar, %s::bigint, %s::bigint, %s::text, %s::uuid,"
        " %s::timestamptz FROM UNNEST(%s::bigint[], %s::bigint[], %s::numeric[], %s::numeric[],"
        " %s::numeric[], %s::boolean[], %s::varchar[]) WITH ORDINALITY"
        " AS r(item_id, lot_id, quantity, unit_cost, value, affects_stock, idempotency_key, n)"
        " ORDER BY r.n RETURNING id),"
        f" lots AS (UPDATE {lots} AS t SET quantity_remaining = t.quantity_remaining + d.delta"
        " FROM UNNEST(%s::bigint[], %s::numeric[]) AS d(id, delta) WHERE t.id = d.id),"
        f" items AS (UPDATE {items} AS t SET on_hand = t.on_hand + d.a,"
        " reserved = t.reserved + d.b, stock_value = t.stock_value + d.c"
        " FROM UNNEST(%s::bigint[], %s::numeric[], %s::numeric[], %s::numeric[]) AS d(id, a, b, c)"
        " WHERE t.id = d.id)"
    )
    if closes_reservation:
        table = quote(Reservation._meta.db_table)
        sql += f", held AS (UPDATE {table} SET status = %s, closed_at = %s WHERE id = %s)"
    return sql + " SELECT id FROM moved ORDER BY id"
