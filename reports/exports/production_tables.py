"""Production exports: batches with what they consumed and cost, and the recall report for a lot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q

from batches.models import Batch, BatchDraw, BatchLine
from batches.traceability import trace_forward
from inventory.models import Lot
from reports.exports.table import Table, day_bounds, product, quotient

CHUNK = 200

BATCH_HEADERS = [
    "Batch",
    "Recipe",
    "Version",
    "Status",
    "Planned at",
    "Started at",
    "Ended at",
    "Scale",
    "Planned yield",
    "Actual yield",
    "Yield unit",
    "Batch cost",
    "Cost per yield unit",
    "Loss value",
    "Line",
    "Item",
    "Line quantity",
    "Line unit",
    "Line stock quantity",
    "Stock unit",
    "Line status",
    "Extra",
    "Line cost",
    "Lot",
    "Supplier",
    "Supplier lot code",
    "Drawn",
    "Drawn unit cost",
    "Drawn cost",
]


def batches_in(start: date, end: date, zone: ZoneInfo):
    """Batches started in the period, and plans (not started) planned in it."""
    since, until = day_bounds(start, end, zone)
    return Batch.objects.filter(
        Q(started_at__gte=since, started_at__lt=until)
        | Q(started_at=None, planned_at__gte=since, planned_at__lt=until)
    )


def batches_table(*, start: date, end: date, zone: ZoneInfo) -> Table:
    """One row per lot each line drew from; a line that drew nothing (planned, skipped) gets one
    row with empty draw columns, a batch without lines one row with empty line columns. The batch's
    columns repeat on each row; "Drawn cost" sums to the batch's cost. Batches in the order they
    were planned."""
    batches = batches_in(start, end, zone)
    lines = BatchLine.objects.filter(batch__in=batches).annotate(draw_count=Count("draws"))
    total = sum(max(1, n) for n in lines.values_list("draw_count", flat=True))
    total += batches.annotate(n=Count("lines")).filter(n=0).count()
    draws = BatchDraw.objects.select_related("lot").order_by("id")
    queryset = batches.order_by("planned_at", "id").prefetch_related(
        Prefetch(
            "lines",
            queryset=BatchLine.objects.select_related("item")
            .prefetch_related(Prefetch("draws", queryset=draws))
            .order_by("position"),
        )
    )
    return Table("Batches", BATCH_HEADERS, _batch_rows(queryset), total)


def _batch_rows(queryset) -> Iterator[list]:
    for batch in queryset.iterator(chunk_size=CHUNK):
        head = [
            batch.display_code,
            batch.recipe_name,
            batch.version_number,
            batch.get_status_display(),
            batch.planned_at,
            batch.started_at,
            batch.ended_at,
            batch.scale,
            batch.planned_yield,
            batch.actual_yield,
            batch.yield_label,
            batch.consumed_cost,
            quotient(batch.consumed_cost, batch.actual_yield),
            batch.loss_value,
        ]
        lines = list(batch.lines.all())
        if not lines:
            yield head + [None] * 15
        for line in lines:
            line_cells = [
                line.position,
                line.item.name,
                line.quantity,
                line.unit,
                line.stock_quantity,
                line.item.stock_unit,
                line.get_status_display(),
                line.is_extra,
                line.cost,
            ]
            draws = list(line.draws.all())
            if not draws:
                yield head + line_cells + [None] * 6
            for draw in draws:
                lot = draw.lot
                yield (
                    head
                    + line_cells
                    + [
                        lot.code if lot else "untracked",
                        lot.supplier if lot else "",
                        lot.supplier_lot_code if lot else "",
                        draw.quantity,
                        draw.unit_cost,
                        product(draw.quantity, draw.unit_cost),
                    ]
                )


RECALL_HEADERS = [
    "Traced lot",
    "Traced item",
    "Supplier",
    "Supplier lot code",
    "Batch",
    "Batch status",
    "How",
    "Item used",
    "Quantity used",
    "Unit used",
    "Lot made",
    "Item made",
    "Kind made",
    "Made",
    "Remaining",
    "Sold",
    "Other out",
    "Unit made",
]


def recall_table(*, lot_id: int) -> Table:
    """For one lot: every batch that used it (directly or through an intermediate) and every lot
    those batches made, with what remains, was sold, and left otherwise. A batch that made nothing
    (cancelled, failed, still running) gets one row with empty "made" columns."""
    lot = Lot.objects.select_related("item").get(pk=lot_id)
    trace = trace_forward(lot)
    made_by: dict[int, list] = {}
    for affected in trace.made:
        made_by.setdefault(affected.batch.pk, []).append(affected)
    head = [lot.code, lot.item.name, lot.supplier, lot.supplier_lot_code]
    rows: list[list] = []
    for use in trace.uses:
        batch = use.batch
        use_cells = [
            batch.display_code,
            batch.get_status_display(),
            "direct" if use.depth == 0 else f"through an intermediate ({use.depth} step(s))",
            use.item.name,
            use.quantity,
            use.item.stock_unit,
        ]
        made = made_by.get(batch.pk, [])
        if not made:
            rows.append(head + use_cells + [None] * 8)
        for affected in made:
            made_lot = affected.lot
            rows.append(
                head
                + use_cells
                + [
                    made_lot.code,
                    made_lot.item.name,
                    made_lot.item.get_kind_display(),
                    made_lot.quantity_received,
                    affected.remaining,
                    affected.sold,
                    affected.other_out,
                    made_lot.item.stock_unit,
                ]
            )
    return Table(f"Recall {lot.code}", RECALL_HEADERS, iter(rows), len(rows))
