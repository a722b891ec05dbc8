"""Putting stock back where it came from: what a cancelled batch used, what a customer returns from a
sale, what a disposal took by mistake goes back to the exact lots it left, with their cost and expiry,
as new compensating movements. Never redistributed to "oldest lots", so a return never gets a fresher
date than the stock it came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db import transaction
from django.utils import timezone

from batchtrack.glossary import quantity_words
from inventory import units
from inventory.errors import AlreadyRestored, InvalidAmount, ItemNotTracked, NothingToRestore
from inventory.models import (
    CONSUMPTION_KINDS,
    DISPOSAL_KINDS,
    GIVEAWAY_KINDS,
    Item,
    Lot,
    Movement,
)
from inventory.services._conversion import custom_unit_defs, to_stock
from inventory.services._inputs import Reference, item_pk, reference_parts
from inventory.services._locks import lock_items
from inventory.services._pricing import uses_average
from inventory.services._values import StockPool, to_value, unit_cost_of
from inventory.services._writes import change_balances, change_lots, new_operation
from inventory.services.results import RestoreResult, movement_lines

# Movements whose stock can be given back: production use, sales, disposals, giveaways, recounts down.
RESTORABLE_KINDS = CONSUMPTION_KINDS | DISPOSAL_KINDS | GIVEAWAY_KINDS | {Movement.Kind.RECOUNT}
# A reference ("movement", id) names the operation that wrote that ledger row (a disposal, say).
MOVEMENT_REFERENCE = "movement"


@dataclass
class _Taken:
    """What a source took from one lot (or, lot None, an untracked item) and what is back already."""

    item_id: int
    lot_id: int | None
    affects_stock: bool
    quantity: Decimal  # positive
    value: Decimal  # positive, what it was charged
    restored: Decimal = Decimal("0")

    @property
    def outstanding(self) -> Decimal:
        return self.quantity - self.restored


def restore(
    *,
    reference: Reference,
    item: Item | int | None = None,
    quantity: Decimal | int | str | None = None,
    unit: str | None = None,
    actor_id: int | None = None,
    note: str = "",
) -> RestoreResult:
    """Give back what was taken from stock under `reference`, to the exact lots it came from.

    `reference` is the source: a batch ("batch", 42), a sale ("sale", 7), anything stock was taken under,
    or ("movement", id) for the operation that wrote that ledger row (a disposal without a reference).
    With `quantity` (and `item`), only that much of that item comes back, lot by lot, earliest expiry
    first, never more than each lot gave; without it, everything not yet given back. Each lot gets one
    RESTORE movement. The value put back is the lot's cost under FIFO, or the share of what the source
    was charged under average costing. Untracked usage is compensated with an untracked movement.

    Locks every item involved (ascending id), then reads what was already given back. Raises
    NothingToRestore (nothing was taken under the reference), AlreadyRestored (all of it is back
    already), InvalidAmount (more than is still out, or a quantity without an item), ItemNotTracked
    (the item has since been made untracked), and unit errors for `quantity`/`unit`.
    """
    ref = _source_reference(reference)
    if quantity is not None and item is None:
        raise InvalidAmount("Say which item to give back a quantity of.", field="item")
    amount = None if quantity is None else units.parse_amount(quantity)
    custom = custom_unit_defs(unit)

    with transaction.atomic():
        sources = _source_rows(ref, item)
        items = lock_items({m.item_id for m in sources})
        # Re-read under the locks: a change committed while we waited would be missed otherwise.
        taken = _taken_by_lot(_source_rows(ref, item), ref)
        outstanding = [t for t in taken if t.outstanding > 0]
        if not outstanding:
            raise AlreadyRestored(
                f"The stock used by {_describe(ref)} was already put back; it can't be put back twice.",
                reference=ref,
            )
        lots = {
            pk: (expires_at, cost)
            for pk, expires_at, cost in Lot.objects.filter(
                pk__in=[t.lot_id for t in outstanding if t.lot_id]
            ).values_list("pk", "expires_at", "unit_cost")
        }
        portions: list[tuple[_Taken, Decimal]]
        if amount is not None and item is not None:  # a quantity always comes with its item
            chosen = items[item_pk(item)]
            want = to_stock(chosen, amount, unit, custom)
            portions = _portion(chosen, outstanding, want, ref, lots)
        else:
            portions = [(t, t.outstanding) for t in outstanding]
        for row, _ in portions:
            held = items[row.item_id]
            if row.affects_stock and not held.is_tracked:
                raise ItemNotTracked(
                    f"{held.name} is no longer stock-tracked, so what {_describe(ref)} used can't be "
                    f"put back where it came from. Turn stock tracking back on first.",
                    field="item",
                )
        return _write(items, portions, lots, ref, actor_id, note)


def _source_reference(reference: Reference) -> tuple[str, int]:
    ref_type, ref_id = reference_parts(reference)
    if ref_id is None:
        raise TypeError("restore needs a reference such as ('batch', 42).")
    return ref_type, ref_id


def _source_rows(ref: tuple[str, int], item: Item | int | None) -> list[Movement]:
    if ref[0] == MOVEMENT_REFERENCE:
        named = Movement.objects.filter(pk=ref[1]).values_list("operation_id", flat=True).first()
        scope = Movement.objects.filter(operation_id=named) if named else Movement.objects.none()
    else:
        scope = Movement.objects.filter(reference_type=ref[0], reference_id=ref[1])
    scope = scope.filter(kind__in=RESTORABLE_KINDS, quantity__lt=0)
    if item is not None:
        scope = scope.filter(item_id=item_pk(item))
    rows = list(scope.order_by("id"))
    if not rows:
        raise NothingToRestore(
            f"Nothing was taken from stock for {_describe(ref)}, so there is nothing to put back.",
            reference=ref,
        )
    return rows


def _taken_by_lot(rows: Sequence[Movement], ref: tuple[str, int]) -> list[_Taken]:
    """One entry per source movement; what is back already (RESTORE rows under the reference, per lot)
    counts against that lot's movements in ledger order."""
    taken = [_Taken(m.item_id, m.lot_id, m.affects_stock, -m.quantity, -m.value) for m in rows]
    back: dict[tuple[int, int | None], Decimal] = {}
    for item_id, lot_id, qty in Movement.objects.filter(
        reference_type=ref[0], reference_id=ref[1], kind=Movement.Kind.RESTORE
    ).values_list("item_id", "lot_id", "quantity"):
        back[(item_id, lot_id)] = back.get((item_id, lot_id), Decimal("0")) + qty
    for row in taken:
        left = back.get((row.item_id, row.lot_id), Decimal("0"))
        row.restored = min(left, row.quantity)
        back[(row.item_id, row.lot_id)] = left - row.restored
    return taken


def _portion(
    item: Item, rows: list[_Taken], want: Decimal, ref: tuple[str, int], lots: dict
) -> list[tuple[_Taken, Decimal]]:
    """`want` of `item` from its outstanding lots, the earliest-expiring first (no expiry last)."""
    mine = [row for row in rows if row.item_id == item.pk]
    available = sum((row.outstanding for row in mine), Decimal("0"))
    if want > available:
        raise InvalidAmount(
            f"Only {quantity_words(available, item.stock_unit, item.count_noun)} of {item.name} taken for "
            f"{_describe(ref)} hasn't been given back yet, so "
            f"{quantity_words(want, item.stock_unit, item.count_noun)} can't be.",
            field="quantity",
        )
    expiry = {pk: expires_at for pk, (expires_at, _) in lots.items()}
    mine.sort(
        key=lambda r: (expiry.get(r.lot_id) is None, expiry.get(r.lot_id) or 0, r.lot_id or 0)
    )
    chosen: list[tuple[_Taken, Decimal]] = []
    left = want
    for row in mine:
        if left == 0:
            break
        give = min(left, row.outstanding)
        chosen.append((row, give))
        left -= give
    return chosen


def _write(
    items: dict[int, Item], chosen: list[tuple[_Taken, Decimal]], lots: dict, ref, actor_id, note
) -> RestoreResult:
    average = uses_average()
    pools = {pk: StockPool(i.on_hand, i.stock_value, average) for pk, i in items.items()}
    operation = new_operation()
    now = timezone.now()
    written: list[Movement] = []
    for row, give in chosen:
        charged = to_value(row.value * give / row.quantity)  # what the source paid for this much
        if row.affects_stock:
            pool, lot_cost = pools[row.item_id], lots[row.lot_id][1]
            value = pool.give_back(give, lot_cost, charged)
            cost = pool.charged_cost(value, give, lot_cost)
        else:  # untracked usage: no lot, no stock; its record is undone at what it cost
            value, cost = charged, unit_cost_of(charged, give)
        written.append(
            Movement(
                item_id=row.item_id,
                lot_id=row.lot_id,
                kind=Movement.Kind.RESTORE,
                quantity=give,
                unit_cost=cost,
                value=value,
                affects_stock=row.affects_stock,
                reference_type=ref[0],
                reference_id=ref[1],
                actor_id=actor_id,
                note=note,
                operation_id=operation,
                created_at=now,
            )
        )
    Movement.objects.bulk_create(written)
    lot_deltas: dict[int, Decimal] = {}
    on_hand: dict[int, Decimal] = {}
    for m in written:
        if m.affects_stock:
            lot_id = cast(int, m.lot_id)  # a movement that changes stock always names its lot
            lot_deltas[lot_id] = lot_deltas.get(lot_id, Decimal("0")) + m.quantity
            on_hand[m.item_id] = on_hand.get(m.item_id, Decimal("0")) + m.quantity
    change_lots(lot_deltas)
    change_balances(
        {
            pk: (delta, Decimal("0"), pools[pk].value - items[pk].stock_value)
            for pk, delta in on_hand.items()
        }
    )
    lines = movement_lines(written)
    total = sum((line.value for line in lines), Decimal("0"))
    return RestoreResult(reference=ref, movements=lines, total_cost=total, operation_id=operation)


def _describe(ref: tuple[str, int]) -> str:
    if ref[0] == MOVEMENT_REFERENCE:
        return f"ledger entry {ref[1]}"
    return f"{ref[0]} {ref[1]}"
