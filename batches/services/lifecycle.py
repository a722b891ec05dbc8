"""The batch lifecycle: start, finish, cancel, fail.

Stock changes only through inventory's services, under the reference ("batch", id): `consume_many`
at start (and `consume` for extras), `receive` for outputs, `restore` on cancel. Every step locks the
batch row first, then (inside inventory) the items in ascending id order, so concurrent steps neither
deadlock nor double-book; and every step runs in one transaction, so a refused step writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from batches.errors import (
    IllegalTransition,
    InvalidNote,
    InvalidOutput,
    InvalidSkip,
    InvalidYield,
    RecipeArchivedSincePlanning,
    StockShort,
)
from batches.models import Batch, BatchDraw, BatchLine, BatchNote, BatchOutput
from batches.selectors import output_expiry
from batches.services.codes import next_batch_code, workspace_now
from batches.services.new_output import new_product_item
from batchtrack.errors import DomainError
from batchtrack.tenancy import active_tenant
from billing.gates import lock_and_check_limit
from inventory import units
from inventory.errors import InsufficientStock
from inventory.models import Item, Lot, Movement
from inventory.services import ConsumeLine, ConsumeResult, consume_many, receive, restore
from inventory.shelf_life import day_words
from products.services import NewProduct
from recipes.models import Recipe
from recipes.selectors import custom_unit_defs

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
    return Batch.objects.filter(started_at__gte=start).count()


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
        locked = lock_batch(batch)
        if locked.status != Batch.Status.PLANNED:
            raise refuse(locked, "start")
        recipe = Recipe.objects.select_for_update().get(pk=locked.recipe_id)
        if recipe.is_archived:
            raise RecipeArchivedSincePlanning(
                f"{recipe.name} was archived after this batch was planned, so the batch can't "
                f"start. To make it, restore the recipe: under Recipes, tick Show archived, open "
                f"{recipe.name} and press Restore. Or cancel this plan.",
                recipe_id=recipe.pk,
            )
        lines = list(locked.lines.select_related("item").order_by("position"))
        by_position = {line.position: line for line in lines}
        unknown = sorted(p for p in skip if p not in by_position)
        if unknown:
            raise InvalidSkip(
                f"This plan has no line {', '.join(map(str, unknown))} to skip.", field="skip"
            )
        if skip and not skip_reason:
            raise InvalidSkip(
                "Say why the batch starts without those lines; the reason goes on its record.",
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
                )
            except InsufficientStock as exc:
                raise StockShort(exc.shortfalls, _positions_by_item(taken, exc))
        total = record_draws(locked, taken, results)
        skipped = [line for line in lines if line.position in skip]
        if taken:
            BatchLine.objects.filter(pk__in=[line.pk for line in taken]).update(
                status=BatchLine.Status.CONSUMED
            )
        if skipped:
            BatchLine.objects.filter(pk__in=[line.pk for line in skipped]).update(
                status=BatchLine.Status.SKIPPED
            )
        if skipped:
            BatchNote.objects.create(
                batch=locked,
                text="Started without: "
                + "; ".join(
                    f"{units.format_amount(line.quantity)} {line.unit} {line.item.name}"
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
        locked.consumed_cost = total
        locked.save(
            update_fields=[
                "code",
                "status",
                "started_at",
                "started_by_id",
                "skip_reason",
                "consumed_cost",
            ]
        )
    return locked


def _positions_by_item(lines: Sequence[BatchLine], exc: InsufficientStock) -> dict[int, list[int]]:
    short = {s.item_id for s in exc.shortfalls}
    found: dict[int, list[int]] = {}
    for line in lines:
        if line.item_id in short:
            found.setdefault(line.item_id, []).append(line.position)
    return found


def record_draws(
    batch: Batch, lines: Sequence[BatchLine], results: Sequence[ConsumeResult]
) -> Decimal:
    """Keep each line's draws (lot, movement, quantity, cost) on the batch; returns their total cost."""
    draws: list[BatchDraw] = []
    total = ZERO
    with units.arithmetic():
        for line, result in zip(lines, results, strict=True):
            total += result.total_cost
            draws.extend(
                BatchDraw(
                    batch=batch,
                    line=line,
                    item_id=result.item_id,
                    lot_id=draw.lot_id,
                    movement_id=draw.movement_id,
                    quantity=draw.quantity,
                    unit_cost=draw.unit_cost,
                )
                for draw in result.draws
            )
    BatchDraw.objects.bulk_create(draws)
    return total


@dataclass(frozen=True)
class OutputInput:
    """Put `quantity` `unit` (None: the item's stock unit) of `item_id` on the shelf.

    `yield_share` is how much of the batch's yield it holds, in the batch's yield unit; left out, it is
    `quantity` converted to the yield unit (10 each of a bar SKU from a 10-bar batch).
    """

    item_id: int | None
    quantity: Decimal | int | str
    unit: str | None = None
    yield_share: Decimal | int | str | None = None


def finish_batch(
    *,
    batch: Batch | int,
    actual_yield: Decimal | int | str,
    outputs: Sequence[OutputInput] = (),
    expires_at: datetime | None = None,
    hold_until: datetime | None = None,
    note: str = "",
    actor_id: int | None = None,
    new_product: NewProduct | None = None,
) -> Batch:
    """Finish a running batch: record the actual yield and put its outputs on the shelf as new lots.

    The batch's real cost (everything its lines drew, at the lots' costs) is spread over the actual
    yield: an output holding `share` of yield `Y` costs consumed_cost * share / Y, so with a yield in
    the output's own unit the lot's unit cost is exactly consumed_cost / Y. Outputs must account for
    the whole yield (or be left out, when nothing is stocked). Lots expire at `expires_at`, else at
    the date the finish pages propose (`batches.selectors.output_expiry`: the earliest of the plan's
    shelf life, the output item's and the first expiry among the lots the batch used); when that date
    has already passed the maker must give one. `hold_until` keeps them curing (not sellable or usable).
    `new_product` (instead of `outputs`): create that product and its one SKU (kept in the batch's
    yield unit, linked to the recipe) and put the whole yield there, in this same transaction, so a
    refused finish leaves no product behind.

    Locks the batch, then each output item in ascending id order (inside `receive`). Raises
    IllegalTransition, InvalidYield, InvalidOutput and inventory's errors.
    """
    with transaction.atomic():
        locked = lock_batch(batch)
        if locked.status != Batch.Status.IN_PROGRESS:
            raise refuse(locked, "finish")
        try:
            yield_quantity = units.parse_amount(actual_yield, field="actual_yield", label="yield")
        except DomainError as exc:
            raise InvalidYield(exc.message, field="actual_yield")
        now = timezone.now()
        if hold_until is not None and hold_until <= now:
            raise InvalidOutput("The cure-until date must be in the future.", field="hold_until")
        if new_product is not None:
            item_id = new_product_item(locked, new_product, outputs)
            outputs = [OutputInput(item_id, yield_quantity, locked.yield_unit)]
        planned = _check_outputs(locked, outputs, yield_quantity)
        expiries = _output_expiries(locked, [item for item, _, _ in planned], expires_at, now)
        with units.arithmetic():
            cost_per_yield_unit = locked.consumed_cost / yield_quantity
        rows: list[BatchOutput] = []
        for item, stock_quantity, share in sorted(planned, key=lambda p: p[0].pk):
            with units.arithmetic():
                total = cost_per_yield_unit * share
                unit_cost = total / stock_quantity
            lot = receive(
                item=item.pk,
                quantity=stock_quantity,
                unit_cost=unit_cost,
                received_at=now,
                expires_at=expiries[item.pk],
                hold_until=hold_until,
                source=Lot.Source.BATCH_OUTPUT,
                reference=reference(locked),
                actor_id=actor_id,
                note=f"Batch {locked.code}",
            )
            rows.append(
                BatchOutput(
                    batch=locked,
                    item=item,
                    lot=lot,
                    quantity=stock_quantity,
                    yield_share=share,
                    unit_cost=lot.unit_cost,
                    total_cost=total,
                )
            )
        BatchOutput.objects.bulk_create(rows)
        if note.strip():
            BatchNote.objects.create(
                batch=locked, text=note.strip(), author_id=actor_id, created_at=now
            )
        locked.status = Batch.Status.FINISHED
        locked.actual_yield = yield_quantity
        locked.ended_at = now
        locked.ended_by_id = actor_id
        locked.save(update_fields=["status", "actual_yield", "ended_at", "ended_by_id"])
    return locked


def _output_expiries(
    batch: Batch, items: Sequence[Item], given: datetime | None, now: datetime
) -> dict[int, datetime | None]:
    """Each output item's lot expiry: `given`, else the proposed date, which must not have passed."""
    if given is not None:
        return {item.pk: given for item in items}
    found: dict[int, datetime | None] = {}
    for item in items:
        proposal = output_expiry(batch=batch, item=item, now=now)
        if proposal.expires_at is not None and proposal.expires_at <= now:
            # Only an ingredient's date can have passed: a shelf life counts from now.
            used = (
                f"Your {proposal.lot.item.name} lot {proposal.lot.code}" if proposal.lot else "It"
            )
            raise InvalidOutput(
                f"{used} expired on {day_words(proposal.expires_at)}, before this batch finished, "
                "so its outputs can't take that date. Enter the date they expire.",
                field="expires_at",
            )
        found[item.pk] = proposal.expires_at
    return found


def _check_outputs(
    batch: Batch, outputs: Sequence[OutputInput], yield_quantity: Decimal
) -> list[tuple[Item, Decimal, Decimal]]:
    """(item, stock quantity, yield share) per output; raises one InvalidOutput for every problem."""
    if not outputs:
        return []
    custom = custom_unit_defs()
    ids = {o.item_id for o in outputs if isinstance(o.item_id, int)}
    items = {item.pk: item for item in Item.objects.filter(pk__in=ids)}
    problems: list[str] = []
    planned: list[tuple[Item, Decimal, Decimal]] = []
    for number, output in enumerate(outputs, start=1):
        item = items.get(output.item_id) if isinstance(output.item_id, int) else None
        if item is None:
            problems.append(
                f"Output {number}: choose a product or intermediate item of this workspace."
            )
            continue
        if item.kind not in OUTPUT_KINDS or not item.is_tracked or item.is_archived:
            problems.append(
                f"Output {number}: {item.name} can't take a batch's output; choose an active, "
                "stock-tracked product SKU or intermediate item."
            )
            continue
        try:
            amount = units.parse_amount(output.quantity, label=f"quantity of {item.name}")
            unit = output.unit or item.stock_unit
            stock = units.to_storage(_convert(amount, unit, item.stock_unit, item, custom))
            if output.yield_share not in (None, ""):
                share = units.parse_amount(output.yield_share, label=f"yield share of {item.name}")
            else:
                share = _share(amount, unit, batch, item, custom)
        except DomainError as exc:
            problems.append(f"Output {number}: {exc.message}")
            continue
        if stock == 0 or share == 0:
            problems.append(
                f"Output {number}: {item.name} rounds to nothing; enter a larger amount."
            )
            continue
        planned.append((item, stock, share))
    if not problems:
        shares = sum((share for _, _, share in planned), ZERO)
        if units.to_storage(shares) != units.to_storage(yield_quantity):
            problems.append(
                f"The outputs hold {units.format_amount(shares)} {batch.yield_label} but the batch "
                f"yielded {units.format_amount(yield_quantity)} {batch.yield_label}. Put the whole "
                "yield on the shelf (add an output for the rest) or correct the yield."
            )
    if problems:
        raise InvalidOutput(" ".join(problems), field="outputs", problems=problems)
    return planned


def _convert(amount: Decimal, unit: str, to_unit: str, item: Item, custom) -> Decimal:
    return units.convert(
        amount,
        unit,
        to_unit,
        density=item.density_g_per_ml,
        custom_units=custom,
        item_name=item.name,
    )


def _share(amount: Decimal, unit: str, batch: Batch, item: Item, custom) -> Decimal:
    """The output's part of the yield, when its unit converts to the yield unit."""
    try:
        return units.to_storage(_convert(amount, unit, batch.yield_unit, item, custom))
    except DomainError:
        raise InvalidOutput(
            f"{units.format_amount(amount)} {unit} of {item.name} can't be compared with the "
            f"batch's yield in {batch.yield_unit}. Say how much of the yield (in "
            f"{batch.yield_unit}) it holds.",
            field="yield_share",
        )


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
    "OutputInput",
    "batches_started_this_month",
    "cancel_batch",
    "fail_batch",
    "finish_batch",
    "start_batch",
]
