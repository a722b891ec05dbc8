"""A batch's record of the stock it took (BatchDraw rows), written from arrays in one statement each.

A start of 20 lines draws from about 40 lots; building that many model instances for bulk_create and
then updating the lines and the batch with two more ORM statements cost more than the SQL itself, so a
start writes its draws, its lines' status and the batch's new state in one statement (issue 21).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from django.db import connection

from batches.models import Batch, BatchDraw, BatchLine
from inventory import units
from inventory.services import ConsumeResult


def _draw_columns(
    lines: Sequence[BatchLine], results: Sequence[ConsumeResult]
) -> tuple[list[list], Decimal]:
    """The draws as columns (line, item, lot, movement, quantity, unit cost) and their total cost."""
    columns: list[list] = [[], [], [], [], [], []]
    total = Decimal("0")
    with units.arithmetic():
        for line, result in zip(lines, results, strict=True):
            total += result.total_cost
            for draw in result.draws:
                row = (line.pk, result.item_id, draw.lot_id, draw.movement_id)
                for column, value in zip(
                    columns, (*row, draw.quantity, draw.unit_cost), strict=True
                ):
                    column.append(value)
    return columns, total


def record_draws(
    batch: Batch, lines: Sequence[BatchLine], results: Sequence[ConsumeResult]
) -> Decimal:
    """Keep each line's draws (lot, movement, quantity, cost) on the batch; returns their total cost."""
    columns, total = _draw_columns(lines, results)
    with connection.cursor() as cursor:
        cursor.execute(f"{_draws_sql()} SELECT 1", [batch.pk, *columns])
    return total


def write_start(
    batch: Batch,
    taken: Sequence[BatchLine],
    skipped: Sequence[BatchLine],
    results: Sequence[ConsumeResult],
) -> None:
    """A start's writes: the draws of the `taken` lines, the lines marked taken or skipped, and the
    batch's code, status, start, skip reason and consumed cost (set on `batch` by the caller; the
    consumed cost is set here)."""
    columns, batch.consumed_cost = _draw_columns(taken, results)
    taken_ids = [line.pk for line in taken]
    params = [
        batch.pk,
        *columns,
        taken_ids,
        BatchLine.Status.CONSUMED,
        BatchLine.Status.SKIPPED,
        taken_ids,
        [line.pk for line in skipped],
        batch.code,
        batch.status,
        batch.started_at,
        batch.started_by_id,
        batch.skip_reason,
        batch.consumed_cost,
        batch.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_start_sql(), params)


@cache
def _draws_sql() -> str:
    """A WITH clause inserting the draws; parameters: the batch id, then the six columns."""
    table = connection.ops.quote_name(BatchDraw._meta.db_table)
    return (
        f"WITH draws AS (INSERT INTO {table}"
        " (batch_id, line_id, item_id, lot_id, movement_id, quantity, unit_cost)"
        " SELECT %s, d.line_id, d.item_id, d.lot_id, d.movement_id, d.quantity, d.unit_cost"
        " FROM UNNEST(%s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[], %s::numeric[],"
        " %s::numeric[]) WITH ORDINALITY"
        " AS d(line_id, item_id, lot_id, movement_id, quantity, unit_cost, n) ORDER BY d.n)"
    )


@cache
def _start_sql() -> str:
    quote = connection.ops.quote_name
    lines, batches = quote(BatchLine._meta.db_table), quote(Batch._meta.db_table)
    return (
        f"{_draws_sql()}, marked AS (UPDATE {lines} SET status = CASE WHEN id = ANY(%s::bigint[])"
        " THEN %s ELSE %s END WHERE id = ANY(%s::bigint[] || %s::bigint[]))"
        f" UPDATE {batches} SET code = %s, status = %s, started_at = %s, started_by_id = %s,"
        " skip_reason = %s, consumed_cost = %s WHERE id = %s"
    )
