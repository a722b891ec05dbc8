"""Adjusting stock outside production: recounts, disposals (spoiled, thrown away, damaged, expired),
giveaways (tester, gift, sample) and returns credited back into stock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from batchtrack.glossary import quantity_words
from inventory import units
from inventory.errors import (
    InsufficientStock,
    InvalidAdjustment,
    InvalidDate,
    LotNotExpired,
    LotNotOfItem,
    Shortfall,
    StockReserved,
)
from inventory.models import (
    DISPOSAL_KINDS,
    GIVEAWAY_KINDS,
    Item,
    Lot,
    Movement,
)
from inventory.services._conversion import custom_unit_defs, display_unit, from_stock, to_stock
from inventory.services._inputs import Reference, aware, reference_parts
from inventory.services._locks import check_room, lock_item, require_active, require_tracked
from inventory.services._lots import fifo_lots, sum_lots
from inventory.services._pricing import replacement_cost, uses_average
from inventory.services._values import StockPool
from inventory.services._writes import (
    change_balances,
    change_lots,
    new_operation,
    replayed_movements,
)
from inventory.services.expiry import found_stock_expiry, returned_stock_expiry
from inventory.services.restoring import restore
from inventory.services.results import AdjustResult, movement_lines

Kind = Movement.Kind
ADJUSTABLE = (Kind.RECOUNT, *sorted(DISPOSAL_KINDS), *sorted(GIVEAWAY_KINDS), Kind.RETURNED)


def adjust(
    *,
    item: Item | int,
    kind: str,
    quantity: Decimal | int | str | None = None,
    unit: str | None = None,
    lot: Lot | int | None = None,
    unit_cost: Decimal | int | str | None = None,
    expires_at: datetime | None = None,
    source: Reference | None = None,
    reference: Reference | None = None,
    actor_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> AdjustResult:
    """Change a tracked item's stock for a reason other than production, in one transaction.

    - recount: `quantity` is the counted total (zero allowed). Down: drain lots oldest first (expired
      and curing lots included), one movement per lot. Up: a new adjustment lot at the current weighted
      average cost (else the newest lot's cost, else 0), expiring at `expires_at` (only for a count
      above on hand, in the future) or as `found_stock_expiry` says. Equal: nothing is written.
    - spoil, trash, damaged: take `quantity` from the named `lot`, or oldest first from any lot.
    - expired: take from expired lots only (the named lot must be expired); `quantity` None disposes of
      all expired stock (or all of the named lot).
    - tester, gift, sample: take from the named lot, or oldest first from usable lots (not expired, not
      curing), like a sale.
    - returned with a `source` (the reference stock was taken under: ("sale", 7), ("batch", 42), or
      ("movement", id) for a disposal): back to the exact lots it came from, with their cost and
      expiry, up to what each gave (`inventory.services.restore`).
    - returned without a source: a new lot at `unit_cost` per `unit` (default: the current cost, i.e.
      the average of what is on hand), expiring at `expires_at`, else at the earliest expiry among the
      item's open lots, else after the item's shelf life: a return never gets a fresher date than the
      stock already on the shelf.
    Stock reserved for open reservations can't be taken or counted away.

    Outflows are costed like consumption (lot cost under FIFO, their share of the stock value under
    average costing); found stock comes in at the current average.
    Locks the item row. Raises InvalidAdjustment (unknown kind, argument that does not apply),
    InvalidAmount / UnitError subclasses, LotNotOfItem, LotNotExpired, InsufficientStock, StockReserved,
    InvalidDate, ItemNotFound, ItemArchived, ItemNotTracked.
    """
    if kind not in ADJUSTABLE:
        raise InvalidAdjustment(
            f"'{kind}' isn't a kind of adjustment. Choose one of {', '.join(ADJUSTABLE)}.",
            field="kind",
        )
    if lot is not None and kind in (Kind.RECOUNT, Kind.RETURNED):
        raise InvalidAdjustment(
            "A recount or a return doesn't take from a particular delivery or batch; leave that choice empty.",
            field="lot",
        )
    if source is not None and (
        kind != Kind.RETURNED or unit_cost is not None or expires_at is not None
    ):
        raise InvalidAdjustment(
            "A return to its source goes back to the deliveries and batches it came from, at their cost "
            "and dates: "
            "give the source alone, with no cost or expiry date.",
            field="source",
        )
    if unit_cost is not None and kind != Kind.RETURNED:
        raise InvalidAdjustment("Only a return takes a cost.", field="unit_cost")
    if expires_at is not None and kind not in (Kind.RECOUNT, Kind.RETURNED):
        raise InvalidAdjustment(
            "Only a return or found stock (a count above what's on hand) takes an expiry date.",
            field="expires_at",
        )
    if quantity is None and kind != Kind.EXPIRED:
        raise InvalidAdjustment("Enter a quantity.", field="quantity")
    amount = (
        None if quantity is None else units.parse_amount(quantity, allow_zero=kind == Kind.RECOUNT)
    )
    cost = (
        None
        if unit_cost is None
        else units.parse_amount(
            unit_cost, field="unit_cost", allow_zero=True, label="cost", maximum=units.MAX_COST
        )
    )
    expires_at = aware(expires_at, "expires_at")
    ref = reference_parts(reference)
    custom = custom_unit_defs(unit)
    meta = {
        "reference_type": ref[0],
        "reference_id": ref[1],
        "actor_id": actor_id,
        "note": note,
        "idempotency_key": idempotency_key or None,
    }

    if source is not None:
        restored = restore(
            reference=source, item=item, quantity=amount, unit=unit, actor_id=actor_id, note=note
        )
        first = restored.movements[0]
        with units.arithmetic():
            return AdjustResult(
                item_id=first.item_id,
                kind=Kind.RESTORE,
                quantity_change=sum((m.quantity for m in restored.movements), Decimal("0")),
                stock_unit=Item.objects.only("stock_unit").get(pk=first.item_id).stock_unit,
                movements=restored.movements,
                lot_id=first.lot_id if len(restored.movements) == 1 else None,
                value_change=restored.total_cost,
                operation_id=restored.operation_id,
            )

    with transaction.atomic():
        locked = lock_item(item)
        replay = replayed_movements(idempotency_key)
        if replay is not None:
            return _result(locked, kind, replay, None)
        require_active(locked)
        require_tracked(locked, "adjust")
        if kind == Kind.RECOUNT:
            assert amount is not None  # only an EXPIRED disposal may leave the quantity out
            return _recount(locked, amount, unit, custom, meta, expires_at)
        if kind == Kind.RETURNED:
            return _credit_return(locked, amount, unit, cost, expires_at, custom, meta)
        return _take(locked, kind, amount, unit, lot, custom, meta)


def _recount(item: Item, amount: Decimal, unit, custom, meta, expires_at=None) -> AdjustResult:
    target = to_stock(item, amount, unit, custom, allow_zero=True)
    if target < item.reserved:
        raise StockReserved(
            f"{quantity_words(item.reserved, item.stock_unit, item.count_noun)} of {item.name} is reserved for "
            f"open orders, so the count can't go below that. Release or fulfil those reservations first.",
            field="quantity",
        )
    difference = target - item.on_hand
    when = _found_stock_expiry(item, difference, expires_at)  # checked before anything is written
    if difference == 0:
        return _result(item, Kind.RECOUNT, [], None)
    if difference < 0:
        lots, _ = fifo_lots(item.pk, -difference)
        written = _draw(item, Kind.RECOUNT, lots, -difference, meta)
        return _result(item, Kind.RECOUNT, written, None)
    check_room(item, difference)
    lot, movement = _new_lot(
        item,
        Kind.RECOUNT,
        Lot.Source.ADJUSTMENT,
        difference,
        replacement_cost(item),
        when,
        meta,
        at_average=True,
    )
    return _result(item, Kind.RECOUNT, [movement], lot.pk)


def _found_stock_expiry(item: Item, difference: Decimal, given: datetime | None):
    """The expiry of stock a recount finds: the maker's date, else `found_stock_expiry`'s rule."""
    if given is not None:
        if difference <= 0:
            raise InvalidAdjustment(
                f"The count isn't above the {quantity_words(item.on_hand, item.stock_unit, item.count_noun)} "
                "on hand, so no stock is found and there is nothing to date. Leave the expiry "
                "date empty.",
                field="expires_at",
            )
        if given <= timezone.now():
            raise InvalidDate(
                "The expiry date of found stock must be in the future.", field="expires_at"
            )
        return given
    if difference <= 0:
        return None
    return found_stock_expiry(item, timezone.now()).expires_at


def _credit_return(item: Item, amount, unit, cost, expires_at, custom, meta) -> AdjustResult:
    quantity = to_stock(item, amount, unit, custom)
    check_room(item, quantity)
    if cost is None:
        stock_cost = replacement_cost(item)
    else:
        stock_cost = units.to_storage(
            cost
            if unit is None or unit == item.stock_unit
            else units.convert_unit_cost(
                cost,
                unit,
                item.stock_unit,
                density=item.density_g_per_ml,
                custom_units=custom,
                item_name=item.name,
            )
        )
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise InvalidDate(
            "The expiry date of returned stock must be in the future.", field="expires_at"
        )
    if expires_at is None:
        expires_at = returned_stock_expiry(item, now)
    lot, movement = _new_lot(
        item,
        Kind.RETURNED,
        Lot.Source.RETURN,
        quantity,
        stock_cost,
        expires_at,
        meta,
        at_average=cost is None,
    )
    return _result(item, Kind.RETURNED, [movement], lot.pk)


def _take(item: Item, kind: str, amount, unit, lot, custom, meta) -> AdjustResult:
    now = timezone.now()
    named = _named_lot(item, lot, kind, now) if lot is not None else None
    scope: dict[str, Any]  # the lots to take from, as sum_lots/fifo_lots keyword arguments
    if named is not None:
        scope = {"lot_id": named.pk}
    elif kind == Kind.EXPIRED:
        scope = {"expired_at": now}
    elif kind in GIVEAWAY_KINDS:
        scope = {"usable_at": now}
    else:
        scope = {}
    if amount is None:
        need = sum_lots(item.pk, **scope)
        if need == 0:
            raise InvalidAdjustment(
                f"{item.name} has no expired stock to dispose of.", field="quantity"
            )
    else:
        need = to_stock(item, amount, unit, custom)
    # Reservations hold a quantity, not particular lots: the lots must cover the need and what is held.
    from_usable = kind in GIVEAWAY_KINDS and named is None
    held = item.reserved if from_usable else Decimal("0")
    lots, eligible = fifo_lots(item.pk, need + held, **scope)
    if from_usable:
        available = max(eligible - held, Decimal("0"))
    else:
        available = min(eligible, max(item.on_hand - item.reserved, Decimal("0")))
    if need > available:
        if need <= eligible:
            raise StockReserved(
                f"Only {quantity_words(available, item.stock_unit, item.count_noun)} of {item.name} can be taken: "
                f"{quantity_words(item.reserved, item.stock_unit, item.count_noun)} is reserved for open orders. "
                f"Release those reservations first.",
                field="quantity",
            )
        shown = display_unit(item, unit)
        asked = amount if amount is not None else need
        with units.arithmetic():
            have = from_stock(item, available, unit, custom)
            shortfall = Shortfall(
                item_id=item.pk,
                item_name=item.name,
                needed=asked,
                available=have,
                shortfall=asked - have,
                unit=shown,
                count_noun=item.count_noun,
                lot_id=named.pk if named is not None else None,
            )
        raise InsufficientStock([shortfall])
    written = _draw(item, kind, lots, need, meta)
    return _result(item, kind, written, None)


def _named_lot(item: Item, lot: Lot | int, kind: str, now: datetime) -> Lot:
    lot_id = lot.pk if isinstance(lot, Lot) else lot
    found = Lot.objects.select_related("item").filter(pk=lot_id).first()
    if found is None or found.item_id != item.pk:
        owner = f"belongs to {found.item.name}" if found is not None else "doesn't exist"
        raise LotNotOfItem(
            f"L{lot_id} {owner}, not to {item.name}. Pick one of {item.name}'s deliveries or batches.",
            field="lot",
        )
    if kind == Kind.EXPIRED and not found.is_expired(now):
        when = (
            f"doesn't expire until {found.expires_at:%Y-%m-%d}"
            if found.expires_at
            else "has no expiry date"
        )
        raise LotNotExpired(
            f"{found.code} of {item.name} {when}. Dispose of it as spoiled, thrown away or "
            f"damaged instead.",
            field="lot",
        )
    return found


def _draw(item: Item, kind: str, lots, need: Decimal, meta) -> list[Movement]:
    """Take `need` from `lots` in order (they cover it): movements, lots and balance in 3 statements."""
    pool = StockPool(item.on_hand, item.stock_value, uses_average())
    operation = new_operation()
    now = timezone.now()
    written: list[Movement] = []
    remaining = need
    for lot in lots:
        if remaining == 0:
            break
        take = min(remaining, lot.remaining)
        value = pool.take(take, lot.unit_cost)
        written.append(
            Movement(
                item=item,
                lot_id=lot.id,
                kind=kind,
                quantity=-take,
                unit_cost=pool.charged_cost(value, take, lot.unit_cost),
                value=-value,
                operation_id=operation,
                created_at=now,
                **{k: v for k, v in meta.items() if k != "idempotency_key"},
            )
        )
        remaining -= take
    written[0].idempotency_key = meta["idempotency_key"]
    Movement.objects.bulk_create(written)
    change_lots({m.lot_id: m.quantity for m in written if m.lot_id is not None})  # all have one
    change_balances({item.pk: (-need, Decimal("0"), pool.value - item.stock_value)})
    return written


def _new_lot(
    item: Item, kind, source, quantity, cost, expires_at, meta, *, at_average: bool = False
) -> tuple[Lot, Movement]:
    """A new lot and its movement; `at_average`: found stock comes in at the pool's average under
    average costing (see `_values.StockPool.put`)."""
    pool = StockPool(item.on_hand, item.stock_value, uses_average())
    value = pool.put(quantity, cost, at_average=at_average)
    now = timezone.now()
    lot = Lot.objects.create(
        item=item,
        source=source,
        quantity_received=quantity,
        quantity_remaining=quantity,
        unit_cost=cost,
        received_at=now,
        expires_at=expires_at,
        reference_type=meta["reference_type"],
        reference_id=meta["reference_id"],
        note=meta["note"],
        created_at=now,
    )
    movement = Movement.objects.create(
        item=item,
        lot=lot,
        kind=kind,
        quantity=quantity,
        unit_cost=cost,
        value=value,
        operation_id=new_operation(),
        created_at=now,
        **meta,
    )
    change_balances({item.pk: (quantity, Decimal("0"), value)})
    return lot, movement


def _result(
    item: Item, kind: str, movements: Sequence[Movement], lot_id: int | None
) -> AdjustResult:
    lines = movement_lines(movements)
    if lot_id is None and len(movements) == 1 and movements[0].quantity > 0:
        lot_id = movements[0].lot_id
    with units.arithmetic():
        change = sum((line.quantity for line in lines), Decimal("0"))
        value = sum((line.value for line in lines), Decimal("0"))
    return AdjustResult(
        item_id=item.pk,
        kind=movements[0].kind if movements else kind,
        quantity_change=change,
        stock_unit=item.stock_unit,
        movements=lines,
        lot_id=lot_id,
        value_change=value,
        operation_id=movements[0].operation_id if movements else None,
    )
