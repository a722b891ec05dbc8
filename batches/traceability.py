"""Traceability reads, both ways, from the batches' own record of draws and outputs:

- back: a lot made by a batch -> that batch -> every lot its lines drew from (supplier, supplier lot
  code), following intermediates (a soap base made by an earlier batch) back to their own inputs;
- forward: a lot -> every batch that drew from it -> every lot those batches made -> and on, through
  intermediates, to the product lots a recall must find, with what remains of each.

A few queries per level of the tree, none per lot.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from batches.models import Batch, BatchDraw, BatchOutput
from inventory.models import SALE_REFERENCES, Item, Lot, Movement

MAX_DEPTH = 8


@dataclass
class InputLot:
    """One lot a batch drew from, and (when a batch made it) that lot's own trace."""

    lot: Lot | None  # None for an untracked item
    item: Item
    quantity: Decimal
    unit_cost: Decimal
    made_by: BatchTrace | None = None


@dataclass
class BatchTrace:
    batch: Batch
    inputs: list[InputLot] = field(default_factory=list)


@dataclass
class BackTrace:
    lot: Lot
    made_by: BatchTrace | None  # None: a purchased (or adjusted) lot


def trace_back(lot: Lot) -> BackTrace:
    """Where a lot came from, down to purchased lots."""
    return BackTrace(lot=lot, made_by=_made_by([lot.pk], depth=0).get(lot.pk))


def _made_by(lot_ids: list[int], depth: int) -> dict[int, BatchTrace]:
    if not lot_ids or depth >= MAX_DEPTH:
        return {}
    outputs = BatchOutput.objects.filter(lot_id__in=lot_ids).select_related("batch")
    traces = {o.lot_id: BatchTrace(batch=o.batch) for o in outputs}
    if not traces:
        return {}
    by_batch: dict[int, list[BatchTrace]] = defaultdict(list)
    for trace in traces.values():
        by_batch[trace.batch.pk].append(trace)
    draws = (
        BatchDraw.objects.filter(batch_id__in=by_batch)
        .select_related("lot", "item")
        .order_by("batch_id", "line__position", "id")
    )
    inputs: list[InputLot] = []
    for draw in draws:
        entry = InputLot(
            lot=draw.lot, item=draw.item, quantity=draw.quantity, unit_cost=draw.unit_cost
        )
        inputs.append(entry)
        for trace in by_batch[draw.batch_id]:
            trace.inputs.append(entry)
    nested = _made_by([i.lot.pk for i in inputs if i.lot is not None], depth + 1)
    for entry in inputs:
        if entry.lot is not None:
            entry.made_by = nested.get(entry.lot.pk)
    return traces


@dataclass
class UseOfLot:
    """A batch that drew on a traced lot (directly or through an intermediate)."""

    batch: Batch
    quantity: Decimal  # drawn from the lots being followed, in their item's stock unit
    item: Item
    depth: int  # 0: drew on the lot itself


@dataclass
class AffectedLot:
    """A lot a traced batch made, with where its stock went."""

    lot: Lot
    batch: Batch
    remaining: Decimal
    sold: Decimal
    other_out: Decimal  # given away, testers, damaged, used in later batches...


@dataclass
class ForwardTrace:
    lot: Lot
    uses: list[UseOfLot]
    made: list[AffectedLot]

    @property
    def product_lots(self) -> list[AffectedLot]:
        return [a for a in self.made if a.lot.item.kind == Item.Kind.PRODUCT]

    @property
    def remaining_units(self) -> Decimal:
        return sum((a.remaining for a in self.product_lots), Decimal("0"))


def trace_forward(lot: Lot) -> ForwardTrace:
    """Every batch that used `lot` (following intermediates), and every lot those batches made."""
    uses: list[UseOfLot] = []
    made: list[AffectedLot] = []
    seen_lots = {lot.pk}
    frontier = [lot.pk]
    depth = 0
    while frontier and depth < MAX_DEPTH:
        draws = (
            BatchDraw.objects.filter(lot_id__in=frontier)
            .values("batch_id", "item_id")
            .annotate(quantity=Sum("quantity"))
            .order_by("batch_id")
        )
        rows = list(draws)
        if not rows:
            break
        batches = Batch.objects.in_bulk({row["batch_id"] for row in rows})
        items = Item.objects.in_bulk({row["item_id"] for row in rows})
        uses.extend(
            UseOfLot(
                batch=batches[row["batch_id"]],
                quantity=row["quantity"],
                item=items[row["item_id"]],
                depth=depth,
            )
            for row in rows
        )
        live = [pk for pk, b in batches.items() if b.status != Batch.Status.CANCELLED]
        outputs = list(
            BatchOutput.objects.filter(batch_id__in=live)
            .exclude(lot_id__in=seen_lots)
            .select_related("lot__item", "batch")
        )
        made.extend(_affected(outputs))
        frontier = [o.lot_id for o in outputs]
        seen_lots.update(frontier)
        depth += 1
    return ForwardTrace(lot=lot, uses=uses, made=made)


def _affected(outputs: list[BatchOutput]) -> list[AffectedLot]:
    lot_ids = [o.lot_id for o in outputs]
    moved = defaultdict(lambda: {"sold": Decimal("0"), "other": Decimal("0")})
    rows = (
        Movement.objects.filter(lot_id__in=lot_ids)
        .exclude(kind__in=[Movement.Kind.BATCH_OUTPUT, Movement.Kind.RECEIVE])
        .values("lot_id", "kind", "reference_type")
        .annotate(total=Sum("quantity"))
    )
    for row in rows:
        # Sales and the restores that undo them (returns to the lot) count as sold; everything
        # else that left (or came back) as other.
        is_sale = row["kind"] == Movement.Kind.SALE or (
            row["kind"] == Movement.Kind.RESTORE and row["reference_type"] in SALE_REFERENCES
        )
        moved[row["lot_id"]]["sold" if is_sale else "other"] -= row["total"]
    return [
        AffectedLot(
            lot=o.lot,
            batch=o.batch,
            remaining=o.lot.quantity_remaining,
            sold=moved[o.lot_id]["sold"],
            other_out=moved[o.lot_id]["other"],
        )
        for o in outputs
    ]
