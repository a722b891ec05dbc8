"""While a batch runs: extra ingredients (taken from stock at once) and notes."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from batches.errors import InvalidNote
from batches.models import Batch, BatchLine, BatchNote
from batches.services.lifecycle import lock_batch, reference, refuse
from batches.services.start_rows import record_draws
from inventory.models import Movement
from inventory.services import consume
from recipes.services.lines import LineInput, check_lines

MAX_NOTE = 4000


def add_extra(
    *,
    batch: Batch | int,
    item_id: int | None,
    quantity: Decimal | int | str,
    unit: str,
    note: str = "",
    actor_id: int | None = None,
) -> BatchLine:
    """Add an ingredient to a running batch and take it from stock now (FIFO), as a new extra line.

    Its cost joins the batch's consumed cost, so the output's unit cost includes it; cancelling the
    batch returns it too. Locks the batch, then the item (inside consume). Raises IllegalTransition,
    InvalidLine (unknown item, bad quantity or unit) and InsufficientStock.
    """
    (checked,) = check_lines([LineInput(item_id, quantity, unit, note)])
    with transaction.atomic():
        locked = lock_batch(batch)
        if locked.status != Batch.Status.IN_PROGRESS:
            raise refuse(locked, "extra")
        result = consume(
            item=checked.item.pk,
            quantity=checked.quantity,
            unit=checked.unit,
            kind=Movement.Kind.USE,
            reference=reference(locked),
            actor_id=actor_id,
            note=f"Batch {locked.code} (extra)",
        )
        position = (locked.lines.aggregate(top=Max("position"))["top"] or 0) + 1
        line = BatchLine.objects.create(
            batch=locked,
            position=position,
            item=checked.item,
            quantity=checked.quantity,
            unit=checked.unit,
            stock_quantity=result.quantity,
            note=checked.note,
            is_extra=True,
            status=BatchLine.Status.CONSUMED,
            added_by_id=actor_id,
        )
        record_draws(locked, [line], [result])
        Batch.objects.filter(pk=locked.pk).update(
            consumed_cost=F("consumed_cost") + result.total_cost
        )
    return line


def add_note(*, batch: Batch | int, text: str, author_id: int | None = None) -> BatchNote:
    """Append a note to a batch's record (any status; notes are never edited)."""
    text = (text or "").strip()
    if not text:
        raise InvalidNote("Write something in the note first.", field="text")
    if len(text) > MAX_NOTE:
        raise InvalidNote(f"A note is at most {MAX_NOTE} characters.", field="text")
    pk = batch.pk if isinstance(batch, Batch) else batch
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=pk)
        return BatchNote.objects.create(
            batch=locked, text=text, author_id=author_id, created_at=timezone.now()
        )
