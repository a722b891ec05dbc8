"""Finishing a batch: its actual yield and outputs, which become new lots at the batch's real cost.

Split from `lifecycle` (start, cancel, fail) for size; the same rules hold: lock the batch first, then
(inside inventory) the items in ascending id order, one transaction, and a refused finish writes
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from batches.errors import InvalidOutput, InvalidYield
from batches.models import Batch, BatchNote, BatchOutput
from batches.selectors import output_expiry
from batches.services.lifecycle import OUTPUT_KINDS, ZERO, lock_batch, reference, refuse
from batches.services.new_output import new_product_item
from batchtrack.errors import DomainError
from inventory import units
from inventory.display import format_quantity
from inventory.models import Item, Lot
from inventory.services import receive
from inventory.shelf_life import day_words
from products.services import NewProduct
from recipes.selectors import custom_unit_defs
from webhooks import events as webhook_events


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
        # Subscribed webhook endpoints hear of it once this transaction commits.
        webhook_events.batch_finished(locked)
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
            f"{format_quantity(amount, unit)} of {item.name} can't be compared with the "
            f"batch's yield in {batch.yield_unit}. Say how much of the yield (in "
            f"{batch.yield_unit}) it holds.",
            field="yield_share",
        )
