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
from batches.output_costs import OutputShare, allocate_output_costs
from batches.selectors import output_expiry
from batches.services.lifecycle import OUTPUT_KINDS, ZERO, lock_batch, reference, refuse
from batches.services.new_output import new_product_item
from batches.services.packaging import (
    ContainerCount,
    ContainerTaken,
    check_filled,
    check_unused,
    containers_taken,
    parse_count,
)
from batchtrack.errors import DomainError
from inventory import units
from inventory.display import format_quantity
from inventory.models import Item, Lot
from inventory.services import lock_items, receive, restore
from inventory.shelf_life import day_words
from products.services import NewProduct
from recipes.selectors import custom_unit_defs
from webhooks import events as webhook_events


@dataclass(frozen=True)
class OutputInput:
    """Put `quantity` `unit` (None: the item's stock unit) of `item_id` on the shelf.

    `yield_share` is how much of the batch's yield it holds, in the batch's yield unit; left out, it is
    `quantity` converted to the yield unit (10 each of a bar SKU from a 10-bar batch).
    `container_id`: the container item (one the batch took from stock) this output was filled into,
    `container_count` of them (left out: the output's quantity, when it is counted in each). Their
    cost then lands on this output alone.
    """

    item_id: int | None
    quantity: Decimal | int | str
    unit: str | None = None
    yield_share: Decimal | int | str | None = None
    container_id: int | None = None
    container_count: Decimal | int | str | None = None


@dataclass(frozen=True)
class _Planned:
    item: Item
    stock_quantity: Decimal
    share: Decimal
    container_id: int | None = None
    container_count: Decimal = ZERO


def finish_batch(
    *,
    batch: Batch | int,
    actual_yield: Decimal | int | str,
    outputs: Sequence[OutputInput] = (),
    unused_containers: Sequence[ContainerCount] = (),
    expires_at: datetime | None = None,
    hold_until: datetime | None = None,
    note: str = "",
    actor_id: int | None = None,
    new_product: NewProduct | None = None,
) -> Batch:
    """Finish a running batch: record the actual yield and put its outputs on the shelf as new lots.

    The batch's real cost (everything its lines drew, at the lots' costs) is shared by the outputs
    (`batches.output_costs`): containers an output names (8 bottles) cost that output alone; the rest
    is spread over the actual yield, an output holding `share` of yield `Y` taking cost * share / Y.
    `unused_containers` go back to the exact lots they came from (inventory's `restore`) and leave
    the batch's cost. Outputs must account for the whole yield (or be left out, when nothing is
    stocked). Lots expire at `expires_at`, else at
    the date the finish pages propose (`batches.selectors.output_expiry`: the earliest of the plan's
    shelf life, the output item's and the first expiry among the lots the batch used); when that date
    has already passed the maker must give one. `hold_until` keeps them curing (not sellable or usable).
    `new_product` (instead of `outputs`): create that product and its one SKU (kept in the batch's
    yield unit, linked to the recipe) and put the whole yield there, in this same transaction, so a
    refused finish leaves no product behind.

    Locks the batch, then the unused containers' and output items' rows in ascending id order
    (`lock_items`) before writing. Raises IllegalTransition, InvalidYield, InvalidOutput and
    inventory's errors.
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
        taken = containers_taken(locked)
        planned, unused = _check_outputs(locked, outputs, yield_quantity, taken, unused_containers)
        expiries = _output_expiries(locked, [p.item for p in planned], expires_at, now)
        lock_items([c.item.pk for c, _ in unused] + [p.item.pk for p in planned])
        container_costs = {pk: container.cost for pk, container in taken.items()}
        batch_cost = locked.consumed_cost
        for container, count in unused:
            back = restore(
                reference=reference(locked),
                item=container.item.pk,
                quantity=count,
                actor_id=actor_id,
                note=f"Batch {locked.code}: unused containers back to stock",
            )
            container_costs[container.item.pk] -= back.total_cost
            batch_cost -= back.total_cost
        costs = (
            allocate_output_costs(
                batch_cost=batch_cost,
                container_costs=container_costs,
                outputs=[OutputShare(p.share, p.container_id, p.container_count) for p in planned],
            )
            if planned
            else []
        )
        rows: list[BatchOutput] = []
        for output, cost in sorted(zip(planned, costs, strict=True), key=lambda p: p[0].item.pk):
            with units.arithmetic():
                unit_cost = cost.total / output.stock_quantity
            lot = receive(
                item=output.item.pk,
                quantity=output.stock_quantity,
                unit_cost=unit_cost,
                received_at=now,
                expires_at=expiries[output.item.pk],
                hold_until=hold_until,
                source=Lot.Source.BATCH_OUTPUT,
                reference=reference(locked),
                actor_id=actor_id,
                note=f"Batch {locked.code}",
            )
            rows.append(
                BatchOutput(
                    batch=locked,
                    item=output.item,
                    lot=lot,
                    quantity=output.stock_quantity,
                    yield_share=output.share,
                    unit_cost=lot.unit_cost,
                    total_cost=cost.total,
                    container_id=output.container_id,
                    container_count=output.container_count if output.container_id else None,
                    packaging_cost=cost.packaging,
                )
            )
        BatchOutput.objects.bulk_create(rows)
        if unused:
            _note_unused(locked, unused, actor_id, now)
        if note.strip():
            BatchNote.objects.create(
                batch=locked, text=note.strip(), author_id=actor_id, created_at=now
            )
        locked.status = Batch.Status.FINISHED
        locked.actual_yield = yield_quantity
        locked.consumed_cost = batch_cost
        locked.ended_at = now
        locked.ended_by_id = actor_id
        locked.save(
            update_fields=["status", "actual_yield", "consumed_cost", "ended_at", "ended_by_id"]
        )
        # Subscribed webhook endpoints hear of it once this transaction commits.
        webhook_events.batch_finished(locked)
    return locked


def _note_unused(
    batch: Batch, unused: Sequence[tuple[ContainerTaken, Decimal]], actor_id, now
) -> None:
    listed = "; ".join(
        f"{units.format_amount(count)} {container.item.name}" for container, count in unused
    )
    BatchNote.objects.create(
        batch=batch,
        text=f"Unused containers went back to stock: {listed}.",
        author_id=actor_id,
        created_at=now,
    )


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
    batch: Batch,
    outputs: Sequence[OutputInput],
    yield_quantity: Decimal,
    taken: dict[int, ContainerTaken],
    unused_containers: Sequence[ContainerCount],
) -> tuple[list[_Planned], list[tuple[ContainerTaken, Decimal]]]:
    """The checked outputs and unused containers; raises one InvalidOutput for every problem."""
    problems: list[str] = []
    unused = check_unused(unused_containers, taken, problems)
    if not outputs:
        if problems:
            raise InvalidOutput(" ".join(problems), field="outputs", problems=problems)
        return [], unused
    custom = custom_unit_defs()
    ids = {o.item_id for o in outputs if isinstance(o.item_id, int)}
    items = {item.pk: item for item in Item.objects.filter(pk__in=ids)}
    planned: list[_Planned] = []
    for number, output in enumerate(outputs, start=1):
        item = items.get(output.item_id) if isinstance(output.item_id, int) else None
        try:
            planned.append(_check_output(batch, output, item, taken, custom))
        except DomainError as exc:
            problems.append(f"Output {number}: {exc.message}")
    if not problems:
        filled: dict[int, Decimal] = {}
        for p in planned:
            if p.container_id is not None:
                filled[p.container_id] = filled.get(p.container_id, ZERO) + p.container_count
        check_filled(filled, unused, taken, problems)
        shares = sum((p.share for p in planned), ZERO)
        if units.to_storage(shares) != units.to_storage(yield_quantity):
            problems.append(
                f"The outputs hold {units.format_amount(shares)} {batch.yield_label} but the batch "
                f"yielded {units.format_amount(yield_quantity)} {batch.yield_label}. Put the whole "
                "yield on the shelf (add an output for the rest) or correct the yield."
            )
    if problems:
        raise InvalidOutput(" ".join(problems), field="outputs", problems=problems)
    return planned, unused


def _check_output(
    batch: Batch, output: OutputInput, item: Item | None, taken: dict[int, ContainerTaken], custom
) -> _Planned:
    if item is None:
        raise DomainError("choose a product or made ingredient of this workspace.")
    if item.kind not in OUTPUT_KINDS or not item.is_tracked or item.is_archived:
        raise DomainError(
            f"{item.name} can't take a batch's output; choose a product or made "
            "ingredient that is active and whose stock is tracked."
        )
    amount = units.parse_amount(output.quantity, label=f"quantity of {item.name}")
    unit = output.unit or item.stock_unit
    stock = units.to_storage(_convert(amount, unit, item.stock_unit, item, custom))
    container_id, count = _container_of(output, item, stock, taken)
    if output.yield_share not in (None, ""):
        share = units.parse_amount(output.yield_share, label=f"yield share of {item.name}")
    elif container_id is not None and taken[container_id].item.capacity is not None:
        share = _filled_share(batch, item, taken[container_id].item, count, custom)
    else:
        share = _share(amount, unit, batch, item, custom)
    if stock == 0 or share == 0:
        raise DomainError(f"{item.name} rounds to nothing; enter a larger amount.")
    return _Planned(item, stock, share, container_id, count)


def _container_of(
    output: OutputInput, item: Item, stock: Decimal, taken: dict[int, ContainerTaken]
) -> tuple[int | None, Decimal]:
    """The container an output was filled into and how many; raises DomainError in plain words."""
    if output.container_id in (None, ""):
        return None, ZERO
    container = taken.get(output.container_id) if isinstance(output.container_id, int) else None
    if container is None:
        raise DomainError(
            "this batch took no such container from stock. Add the containers to the batch as "
            "an extra first, or leave the container blank."
        )
    raw = output.container_count
    if raw in (None, ""):
        if units.resolve_unit(item.stock_unit).dimension != units.Dimension.COUNT:
            raise DomainError(f"say how many {container.item.name} {item.name} filled.")
        raw = stock
    return container.item.pk, parse_count(raw, label=f"{container.item.name} filled")


def _filled_share(batch: Batch, item: Item, container: Item, count: Decimal, custom) -> Decimal:
    """What `count` full containers hold, in the yield unit (through the output's density)."""
    assert container.capacity is not None
    try:
        return _share(container.capacity * count, container.capacity_unit, batch, item, custom)
    except InvalidOutput:
        raise InvalidOutput(
            f"{container.name} holds {container.capacity_unit} but the yield is in "
            f"{batch.yield_unit}; say how much of the yield {item.name} holds, or give "
            f"{item.name} a density.",
            field="yield_share",
        )


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
