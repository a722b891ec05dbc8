"""The batch lifecycle: start, cancel, fail (finish is in `finishing`).

Stock changes only through inventory's services, under the reference ("batch", id): `consume_many`
at start (and `consume` for extras), `receive` for outputs, `restore` on cancel. Every step locks the
batch row first, then (inside inventory) the items in ascending id order, so concurrent steps neither
deadlock nor double-book; and every step runs in one transaction, so a refused step writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from batches.errors import (
    IllegalTransition,
    InvalidNote,
    InvalidSkip,
    RecipeArchivedSincePlanning,
    StockShort,
)
from batches.models import Batch, BatchLine, BatchNote
from batches.services.codes import next_batch_code, workspace_now
from batches.services.start_rows import PlannedLine, lock_for_start, write_start
from batchtrack.tenancy import active_tenant
from billing.gates import lock_and_check_limit
from inventory.display import format_quantity
from inventory.errors import InsufficientStock
from inventory.models import Item, Movement
from inventory.services import ConsumeLine, ConsumeResult, consume_many, restore
from webhooks import events as webhook_events

ZERO = Decimal("0")
OUTPUT_KINDS = (Item.Kind.PRODUCT, Item.Kind.INTERMEDIATE)


def reference(batch: Batch) -> tuple[str, int]:
    return ("batch", batch.pk)


def lock_batch(batch: Batch | int) -> Batch:
    pk = batch.pk if isinstance(batch, Batch) else batch
    return Batch.objects.select_for_update().get(pk=pk)


def refuse(batch: Batch, action: str) -> IllegalTransition:
    status = batch.get_status_display().lower()
    hints: dict[tuple[str, str], str] = {
        ("start", Batch.Status.IN_PROGRESS): "It is already running.",
        ("finish", Batch.Status.FINISHED): "It was already finished; its outputs are on the shelf.",
        ("finish", Batch.Status.PLANNED): "Start it first.",
        ("cancel", Batch.Status.FINISHED): (
            "Its outputs are already on the shelf. To take them back out, adjust those lots."
        ),
        ("fail", Batch.Status.PLANNED): "It hasn't used any stock yet; cancel the plan instead.",
    }
    hint = hints.get((action, batch.status), "")
    return IllegalTransition(
        f"Batch {batch.display_code} is {status}, so it can't be {_PAST[action]}. {hint}".strip(),
        status=batch.status,
        action=action,
    )


_PAST = {
    "start": "started",
    "finish": "finished",
    "cancel": "cancelled",
    "fail": "marked as failed",
    "extra": "given extra ingredients",
}


def batches_started_this_month() -> int:
    """Batches started since the 1st of this month in the workspace's time zone (the monthly limit)."""
    now = workspace_now()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    # Hand-written: it runs in every start, where building the ORM's COUNT cost twice the statement.
    table = connection.ops.quote_name(Batch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE started_at >= %s", [start])
        return cursor.fetchone()[0]


def start_batch(
    *,
    batch: Batch | int,
    skip_positions: Iterable[int] = (),
    skip_reason: str = "",
    actor_id: int | None = None,
) -> Batch:
    """Start a planned batch: take every planned line from stock (FIFO) in one transaction.

    Lines are consumed exactly as planned (the frozen plan, never the live recipe). When stock is
    short the whole start is refused with StockShort listing every short item and its lines, unless
    the maker skips those lines (`skip_positions`) and gives `skip_reason`; skipped lines take nothing.
    A batch whose recipe was archived after planning doesn't start (RecipeArchivedSincePlanning says
    how to restore it). Checks the monthly batch limit and takes the next batch code.

    Locks: the batch row, its recipe row (so it isn't archived meanwhile), the organization row (the
    monthly limit, held until commit so two starts at the limit can't both pass), the code counter
    row, then (through consume_many) the items in ascending id order. Raises IllegalTransition,
    RecipeArchivedSincePlanning, InvalidSkip, StockShort, LimitReached and inventory's errors.
    """
    skip = set(skip_positions)
    skip_reason = (skip_reason or "").strip()
    with transaction.atomic():
        locked, recipe, lines = lock_for_start(batch.pk if isinstance(batch, Batch) else batch)
        if locked.status != Batch.Status.PLANNED:
            raise refuse(locked, "start")
        if recipe.archived:
            raise RecipeArchivedSincePlanning(
                f"{recipe.name} was archived after this batch was planned, so the batch can't "
                f"start. To make it, restore the recipe: under Recipes, tick Show archived, open "
                f"{recipe.name} and press Restore. Or cancel this plan.",
                recipe_id=locked.recipe_id,
            )
        by_position = {line.position: line for line in lines}
        unknown = sorted(p for p in skip if p not in by_position)
        if unknown:
            raise InvalidSkip(
                f"This plan has no ingredient in row {', '.join(map(str, unknown))} to skip.",
                field="skip",
            )
        if skip and not skip_reason:
            raise InvalidSkip(
                "Say why the batch starts without those ingredients; the reason goes on its record.",
                field="skip_reason",
            )
        lock_and_check_limit(
            organization=active_tenant(),
            limit="batches_per_month",
            count=batches_started_this_month,
        )
        now = timezone.now()
        code = next_batch_code(prefix=recipe.prefix, at=now)
        taken = [line for line in lines if line.position not in skip]
        results: Sequence[ConsumeResult] = ()
        if taken:
            try:
                results = consume_many(
                    lines=[ConsumeLine(line.item_id, line.stock_quantity) for line in taken],
                    kind=Movement.Kind.USE,
                    reference=reference(locked),
                    actor_id=actor_id,
                    note=f"Batch {code}",
                    savepoint=False,  # any error refuses the whole start
                )
            except InsufficientStock as exc:
                raise StockShort(exc.shortfalls, _positions_by_item(taken, exc))
        skipped = [line for line in lines if line.position in skip]
        if skipped:
            names = dict(
                Item.objects.filter(pk__in={line.item_id for line in skipped}).values_list(
                    "pk", "name"
                )
            )
            BatchNote.objects.create(
                batch=locked,
                text="Started without: "
                + "; ".join(
                    f"{format_quantity(line.quantity, line.unit)} {names[line.item_id]}"
                    for line in skipped
                )
                + f". Reason: {skip_reason}",
                author_id=actor_id,
                created_at=now,
            )
        locked.code = code
        locked.status = Batch.Status.IN_PROGRESS
        locked.started_at = now
        locked.started_by_id = actor_id
        locked.skip_reason = skip_reason if skipped else ""
        write_start(locked, taken, skipped, results)
        # Subscribed webhook endpoints hear of it once this transaction commits.
        webhook_events.batch_started(locked)
    return locked


def _positions_by_item(
    lines: Sequence[PlannedLine], exc: InsufficientStock
) -> dict[int, list[int]]:
    short = {s.item_id for s in exc.shortfalls}
    found: dict[int, list[int]] = {}
    for line in lines:
        if line.item_id in short:
            found.setdefault(line.item_id, []).append(line.position)
    return found


def cancel_batch(*, batch: Batch | int, reason: str = "", actor_id: int | None = None) -> Batch:
    """Cancel a planned or running batch. Everything a running batch took goes back to the exact lots
    it came from (inventory.restore writes the compensating movements); nothing is lost.

    Locks the batch, then (inside restore) the items in ascending id order. Raises IllegalTransition
    for a finished, failed or already cancelled batch.
    """
    with transaction.atomic():
        locked = lock_batch(batch)
        if not locked.is_open:
            raise refuse(locked, "cancel")
        now = timezone.now()
        if locked.status == Batch.Status.IN_PROGRESS and locked.draws.exists():
            restore(
                reference=reference(locked),
                actor_id=actor_id,
                note=f"Batch {locked.code} cancelled",
            )
            locked.lines.filter(status=BatchLine.Status.CONSUMED).update(
                status=BatchLine.Status.RETURNED
            )
        locked.status = Batch.Status.CANCELLED
        locked.end_reason = (reason or "").strip()
        locked.ended_at = now
        locked.ended_by_id = actor_id
        locked.save(update_fields=["status", "end_reason", "ended_at", "ended_by_id"])
    return locked


def fail_batch(*, batch: Batch | int, reason: str, actor_id: int | None = None) -> Batch:
    """Mark a running batch as failed: what it consumed stays consumed, recorded as a loss of
    `loss_value` (its consumed cost), with the reason. Locks the batch row. Raises
    IllegalTransition, and InvalidNote when the reason is blank."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = lock_batch(batch)
        if locked.status != Batch.Status.IN_PROGRESS:
            raise refuse(locked, "fail")
        if not reason:
            raise InvalidNote(
                "Say what went wrong; the reason stays on the batch record.", field="reason"
            )
        locked.status = Batch.Status.FAILED
        locked.end_reason = reason
        locked.loss_value = locked.consumed_cost
        locked.ended_at = timezone.now()
        locked.ended_by_id = actor_id
        locked.save(update_fields=["status", "end_reason", "loss_value", "ended_at", "ended_by_id"])
    return locked


__all__ = [
    "batches_started_this_month",
    "cancel_batch",
    "fail_batch",
    "start_batch",
]
