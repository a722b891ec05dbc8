"""Consuming stock: FIFO over usable lots, one ledger movement per lot drawn, all or nothing.

For production (batches) call `consume_many` once with every line: it locks every item in id order,
checks all lines, raises one InsufficientStock naming each short item, and otherwise writes everything.
Calling `consume` repeatedly inside your own `transaction.atomic()` also works (the locks are held until
your transaction ends), but then lock the items in ascending id order yourself to rule out deadlocks, and
you get one error per call rather than one for the whole plan; prefer `consume_many`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone

from inventory import units
from inventory.errors import (
    InsufficientStock,
    InvalidAmount,
    InventoryError,
    ReservationClosed,
    Shortfall,
)
from inventory.fifo import plan_draws
from inventory.held_stock import held_stock
from inventory.models import CONSUMPTION_KINDS, Item, Movement, Reservation
from inventory.services._conversion import custom_unit_defs, display_unit, from_stock, to_stock
from inventory.services._inputs import (
    ConsumeLine,
    LineLike,
    Reference,
    as_line,
    item_pk,
    reference_parts,
)
from inventory.services._locks import lock_items, require_active
from inventory.services._lots import draw_inputs
from inventory.services._pricing import uses_average
from inventory.services._values import StockPool
from inventory.services._writes import (
    new_operation,
    replayed_movements,
    replayed_operation,
    write_consumption,
)
from inventory.services.results import ConsumeResult, Draw


def consume(
    *,
    item: Item | int,
    quantity: Decimal | int | str,
    unit: str | None = None,
    kind: str = Movement.Kind.USE,
    reference: Reference | None = None,
    actor_id: int | None = None,
    note: str = "",
    allow_reserved_for: Reservation | None = None,
    idempotency_key: str | None = None,
) -> ConsumeResult:
    """Consume one item FIFO; see `consume_many`, of which this is the one-line case."""
    (result,) = consume_many(
        lines=[ConsumeLine(item, quantity, unit)],
        kind=kind,
        reference=reference,
        actor_id=actor_id,
        note=note,
        allow_reserved_for=allow_reserved_for,
        idempotency_key=idempotency_key,
    )
    return result


def consume_many(
    *,
    lines: Iterable[LineLike],
    kind: str = Movement.Kind.USE,
    reference: Reference | None = None,
    actor_id: int | None = None,
    note: str = "",
    allow_reserved_for: Reservation | None = None,
    idempotency_key: str | None = None,
    savepoint: bool = True,
) -> tuple[ConsumeResult, ...]:
    """Take every line's quantity from its item's usable lots, oldest first, in one transaction.

    Usable lots are neither expired (expires_at passed) nor curing (hold_until in the future), and stock
    reserved for others is not available: available = usable - item.reserved (+ the quantity of
    `allow_reserved_for`, an open reservation of one of these items, which this call fulfils: it is
    closed as fulfilled and its quantity leaves item.reserved, so the stock is deducted exactly once).
    Lines of the same item add up. Each lot drawn gets one movement (kind USE or SALE, negative
    quantity) charging the lot's unit cost under FIFO costing, or its exact share of the item's stock
    value under average costing (see `_values`). An untracked item's line writes one movement with affects_stock=False
    at its untracked_unit_cost and changes no stock.

    Locks: the items' rows (ascending id), then the reservation's row. Three statements whatever the
    lots an item holds or the lines: lock the items; read the costing method, the idempotency key and
    the lots that cover each item (the FIFO walk stops at the need); write movements, lots and balances.
    `savepoint=False` leaves out the savepoint a nested call would otherwise take, for callers whose
    own transaction is refused as a whole on any error (a batch start).
    Raises InvalidAmount / UnitError subclasses for a bad quantity or unit, ItemNotFound, ItemArchived,
    ReservationClosed, and one InsufficientStock listing every short item (amounts in each line's unit).
    With an idempotency_key already used, nothing is written and the first call's results come back.
    """
    if kind not in CONSUMPTION_KINDS:
        raise ValueError(f"consume records {sorted(CONSUMPTION_KINDS)}, not {kind!r}.")
    parsed = [as_line(line) for line in lines]
    if not parsed:
        raise InvalidAmount("There is nothing to use: add at least one ingredient.", field="lines")
    amounts = [units.parse_amount(line.quantity) for line in parsed]
    ref_type, ref_id = reference_parts(reference)
    custom = custom_unit_defs(*(line.unit for line in parsed))
    if idempotency_key and len(idempotency_key) > 100:
        raise InventoryError(
            "An idempotency key is at most 100 characters.", field="idempotency_key"
        )

    with transaction.atomic(savepoint=savepoint):
        items = lock_items(line.item for line in parsed)
        if allow_reserved_for is not None and idempotency_key:
            # A replay answers even when the reservation it fulfilled is closed by now.
            replay = replayed_movements(idempotency_key)
            if replay is not None:
                return _replay(parsed, amounts, items, custom, replay)
        reservation = _lock_reservation(allow_reserved_for, items) if allow_reserved_for else None
        needs = [
            to_stock(items[item_pk(line.item)], amount, line.unit, custom)
            for line, amount in zip(parsed, amounts, strict=True)
        ]
        now = timezone.now()
        totals = _tracked_totals(parsed, needs, items)
        held = {pk: items[pk].reserved - _own(reservation, pk) for pk in totals}
        method, replay_id, lots_by_item, eligible = draw_inputs(
            {pk: need + held[pk] for pk, need in totals.items()},
            usable_at=now,
            idempotency_key=idempotency_key or None,
        )
        if replay_id is not None:
            return _replay(parsed, amounts, items, custom, replayed_operation(replay_id))
        for line in parsed:
            require_active(items[item_pk(line.item)])
        _check_available(parsed, amounts, items, custom, totals, held, eligible, now)
        tracked = [
            (item_pk(line.item), need)
            for line, need in zip(parsed, needs, strict=True)
            if items[item_pk(line.item)].is_tracked
        ]
        plan = iter(plan_draws(tracked, lots_by_item))
        per_line = _movements(parsed, needs, items, plan, uses_average(method))
        operation = new_operation()
        movements = _write(
            per_line,
            items,
            reservation,
            {
                "kind": kind,
                "reference_type": ref_type,
                "reference_id": ref_id,
                "actor_id": actor_id,
                "note": note,
                "operation_id": operation,
                "created_at": now,
            },
            idempotency_key or None,
        )
        if allow_reserved_for is not None:
            allow_reserved_for.status = Reservation.Status.FULFILLED
            allow_reserved_for.closed_at = now
    results = []
    for line, need, written in zip(parsed, needs, per_line, strict=True):
        mine, movements = movements[: len(written)], movements[len(written) :]
        results.append(_result(items[item_pk(line.item)], need, mine, operation))
    return tuple(results)


def _own(reservation: Reservation | None, pk: int) -> Decimal:
    return reservation.quantity if reservation and reservation.item_id == pk else Decimal("0")


def _tracked_totals(parsed, needs, items) -> dict[int, Decimal]:
    """What each tracked item's lines need together."""
    totals: dict[int, Decimal] = {}
    for line, need in zip(parsed, needs, strict=True):
        pk = item_pk(line.item)
        if items[pk].is_tracked:
            totals[pk] = totals.get(pk, Decimal("0")) + need
    return totals


def _check_available(parsed, amounts, items, custom, totals, held, eligible, now) -> None:
    """One InsufficientStock naming every short item. Stock reserved for others is not available:
    reservations hold a quantity, not particular lots, so the lots must cover the need and what is
    held."""
    shortfalls: list[Shortfall] = []
    for pk, need in totals.items():
        available = max(eligible[pk] - held[pk], Decimal("0"))
        if need > available:
            shortfalls.append(
                _shortfall(items[pk], parsed, amounts, need, available, custom, held[pk], now)
            )
    if shortfalls:
        raise InsufficientStock(shortfalls)


class _Row(NamedTuple):
    """One ledger row of this call, before (pk None) or after it is written."""

    item_id: int
    lot_id: int | None
    quantity: Decimal
    unit_cost: Decimal
    value: Decimal
    affects_stock: bool = True
    pk: int | None = None


def _movements(parsed, needs, items, plan, average: bool) -> list[list[_Row]]:
    """The ledger rows of each line: its planned draws, each charged by the costing method (one
    StockPool per item across lines), or one untracked usage row."""
    pools = {
        pk: StockPool(item.on_hand, item.stock_value, average)
        for pk, item in items.items()
        if item.is_tracked
    }
    per_line: list[list[_Row]] = []
    for line, need in zip(parsed, needs, strict=True):
        item = items[item_pk(line.item)]
        if not item.is_tracked:
            cost = item.untracked_unit_cost
            per_line.append([_Row(item.pk, None, -need, cost, -need * cost, False)])
            continue
        written = []
        pool = pools[item.pk]
        for draw in next(plan):
            value = pool.take(draw.quantity, draw.lot_cost)
            cost = pool.charged_cost(value, draw.quantity, draw.lot_cost)
            written.append(_Row(item.pk, draw.lot_id, -draw.quantity, cost, -value))
        per_line.append(written)
    return per_line


def _write(per_line, items, reservation: Reservation | None, common, key) -> list[_Row]:
    """The rows, the lots' remaining, the reservation fulfilled and the balances: one statement.
    The idempotency key goes on the call's first row. Returns the rows with their ids."""
    rows = [row for written in per_line for row in written]
    lot_deltas: dict[int, Decimal] = {}
    balances: dict[int, list[Decimal]] = {}
    for row in rows:
        if row.lot_id is None:  # untracked usage: no stock moves
            continue
        lot_deltas[row.lot_id] = lot_deltas.get(row.lot_id, Decimal("0")) + row.quantity
        delta = balances.setdefault(row.item_id, [Decimal("0")] * 3)
        delta[0] += row.quantity
        delta[2] += row.value
    closed = None
    if reservation is not None:
        balances.setdefault(reservation.item_id, [Decimal("0")] * 3)[1] -= reservation.quantity
        closed = (reservation.pk, Reservation.Status.FULFILLED, common["created_at"])
    ids = write_consumption(
        [(*row[:6], key if n == 0 else None) for n, row in enumerate(rows)],
        common,
        lot_deltas,
        balances,
        closed,
    )
    return [row._replace(pk=pk) for row, pk in zip(rows, ids, strict=True)]


def _lock_reservation(reservation: Reservation, items: dict[int, Item]) -> Reservation:
    locked = Reservation.objects.select_for_update().filter(pk=reservation.pk).first()
    if locked is None or locked.item_id not in items:
        raise ReservationClosed(
            "That reservation isn't for any item in this request.", field="reservation"
        )
    if locked.status != Reservation.Status.OPEN:
        raise ReservationClosed(
            f"That reservation of {items[locked.item_id].name} was already "
            f"{locked.get_status_display().lower()}, so it can't be used again.",
            field="reservation",
        )
    return locked


def _shortfall(
    item: Item,
    lines: Sequence[ConsumeLine],
    amounts: Sequence[Decimal],
    need: Decimal,
    available: Decimal,
    custom,
    reserved: Decimal,
    now,
) -> Shortfall:
    mine = [
        (line, amount)
        for line, amount in zip(lines, amounts, strict=True)
        if item_pk(line.item) == item.pk
    ]
    unit = mine[0][0].unit
    same_unit = all(
        units.normalize_unit_name(line.unit or "") == units.normalize_unit_name(unit or "")
        for line, _ in mine
    )
    with units.arithmetic():
        needed = (
            sum((amount for _, amount in mine), Decimal("0"))
            if same_unit
            else from_stock(item, need, unit, custom)
        )
        have = from_stock(item, available, unit, custom)
        return Shortfall(
            item_id=item.pk,
            item_name=item.name,
            needed=needed,
            available=have,
            shortfall=needed - have,
            unit=display_unit(item, unit),
            count_noun=item.count_noun,
            held=held_stock(
                item.pk,
                now=now,
                reserved=reserved,
                to_unit=lambda amount: from_stock(item, amount, unit, custom),
            ),
        )


def _result(item: Item, need: Decimal, written: Sequence[Any], operation) -> ConsumeResult:
    draws = tuple(
        Draw(
            movement_id=m.pk,
            lot_id=m.lot_id,
            quantity=-m.quantity,
            unit_cost=m.unit_cost,
            value=-m.value,
        )
        for m in written
    )
    with units.arithmetic():
        total = sum((draw.value for draw in draws), Decimal("0"))
    return ConsumeResult(
        item_id=item.pk,
        quantity=need,
        stock_unit=item.stock_unit,
        draws=draws,
        total_cost=total,
        operation_id=operation,
        tracked=item.is_tracked,
    )


def _replay(lines, amounts, items, custom, movements: list[Movement]) -> tuple[ConsumeResult, ...]:
    """Rebuild a call's results from its movements (written line by line, in id order)."""
    results = []
    position = 0
    for line, amount in zip(lines, amounts, strict=True):
        item = items[item_pk(line.item)]
        need = to_stock(item, amount, line.unit, custom)
        taken = Decimal("0")
        written = []
        while position < len(movements) and movements[position].item_id == item.pk and taken < need:
            taken += -movements[position].quantity
            written.append(movements[position])
            position += 1
        results.append(_result(item, taken, written, movements[0].operation_id))
    return tuple(results)
