"""Set-based writes of balances (lots' remaining, items' on hand, reserved and stock value) and the
ledger's operation ids and idempotency keys. Private to `inventory.services`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection

from inventory.errors import InventoryError
from inventory.models import Item, Lot, Movement


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
    return list(Movement.objects.filter(operation_id=first).order_by("id"))
