"""Correcting a lot's facts after it arrived: its cure date, best-before date, supplier, supplier's lot
code and cost; and ending a cure early.

Nothing here moves stock. Each changed fact is recorded as a `LotCorrection` row (old value, new
value, who, why) in the same transaction as the change, so the lot's history is never a silent
UPDATE. A cost correction also writes one REVALUE movement for the stock still in the lot, so the books
identity (paid in - charged out = stock value; under FIFO, = the open lots' value) keeps holding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from django.db import models, transaction
from django.utils import timezone

from inventory import units
from inventory.errors import InvalidCorrection, InventoryError, LotNotCuring
from inventory.models import Item, Lot, LotCorrection, Movement
from inventory.services._locks import lock_item
from inventory.services._pricing import uses_average
from inventory.services._values import to_value
from inventory.services._writes import change_balances, new_operation
from inventory.services.items import UNSET
from inventory.services.receiving import _checked_dates

Field = LotCorrection.Field


@dataclass(frozen=True)
class LotCorrectionResult:
    lot: Lot
    corrections: tuple[LotCorrection, ...]
    revalued_by: Decimal  # the REVALUE movement's value (0: none written)


def correct_lot(
    *,
    lot: Lot | int,
    hold_until: datetime | None = UNSET,
    expires_at: datetime | None = UNSET,
    supplier: str = UNSET,
    supplier_lot_code: str = UNSET,
    unit_cost: Decimal | int | str = UNSET,
    note: str = "",
    actor_id: int | None = None,
) -> LotCorrectionResult:
    """Correct the given facts of a lot (leave a fact out to keep it); `hold_until` None ends a cure,
    `expires_at` None removes the best-before date. `unit_cost` is per stock unit: the stock still in
    the lot is revalued (one REVALUE movement: remaining x the difference; under average costing the
    pool changes by the same amount, never below zero); stock already used or sold keeps what it was
    charged. Facts that don't change record nothing; a call that changes nothing raises.

    Locks the lot's item, then the lot. Raises InvalidCorrection (every problem at once: a cure date
    that has passed, a text too long, a bad cost, nothing changed) and ItemNotFound; nothing is
    written then.
    """
    with transaction.atomic():
        locked, item = _lock(lot)
        wanted = _validated(
            locked,
            {
                Field.HOLD_UNTIL: hold_until,
                Field.EXPIRES_AT: expires_at,
                Field.SUPPLIER: supplier,
                Field.SUPPLIER_LOT_CODE: supplier_lot_code,
                Field.UNIT_COST: unit_cost,
            },
        )
        if not wanted:
            raise InvalidCorrection(
                f"Nothing to correct: {locked.code} already has those details. Change a date, "
                "the supplier or the cost.",
                field=None,
            )
        return _apply(locked, item, wanted, note=note, actor_id=actor_id)


def release_cure(*, lot: Lot | int, note: str = "", actor_id: int | None = None) -> Lot:
    """End a lot's cure now: its stock can be sold and used from this moment. Recorded as a
    correction of the cure date. Locks the item, then the lot. Raises LotNotCuring when the lot isn't
    curing (never was, or its cure has ended)."""
    with transaction.atomic():
        locked, item = _lock(lot)
        now = timezone.now()
        if not locked.is_curing(now):
            raise LotNotCuring(
                f"{locked.code} of {item.name} isn't curing: it is ready to sell and use.",
                field=None,
            )
        wanted: dict[str, Any] = {Field.HOLD_UNTIL: now}
        return _apply(
            locked, item, wanted, note=note or "Cure released early", actor_id=actor_id
        ).lot


def _lock(lot: Lot | int) -> tuple[Lot, Item]:
    pk = lot.pk if isinstance(lot, Lot) else lot
    item_id = Lot.objects.filter(pk=pk).values_list("item_id", flat=True).first()
    if item_id is None:
        raise InvalidCorrection(
            "That delivery or batch no longer exists. Reload the page.", field="lot"
        )
    item = lock_item(item_id)  # the item first, like every stock change, then its lot
    return Lot.objects.select_for_update().get(pk=pk), item


def _validated(lot: Lot, given: dict[str, Any]) -> dict[str, Any]:
    """The facts that change, checked; one InvalidCorrection listing every problem."""
    now = timezone.now()
    problems: dict[str, str] = {}
    wanted: dict[str, Any] = {}
    for field, value in given.items():
        if value is UNSET:
            continue
        try:
            value = _checked(lot, field, value, now)
        except InventoryError as exc:
            problems[field] = exc.message
            continue
        if value != getattr(lot, field):
            wanted[field] = value
    if problems:
        raise InvalidCorrection(
            " ".join(problems.values()), field=next(iter(problems)), errors=problems
        )
    return wanted


def _checked(lot: Lot, field: str, value: Any, now: datetime) -> Any:
    """One fact's new value as stored; raises an InventoryError that says what is wrong."""
    if field == Field.EXPIRES_AT and value is not None:
        _checked_dates(lot.received_at, value, now)  # receiving's rule: after it arrived
    if field == Field.HOLD_UNTIL:
        if value is None and not lot.is_curing(now):
            return lot.hold_until  # a cure that has ended: nothing to clear
        if value is not None and value <= now:
            raise InvalidCorrection(
                "The cure-until date must be in the future (to end the cure, clear it)."
            )
    if field in (Field.SUPPLIER, Field.SUPPLIER_LOT_CODE):
        value = " ".join(str(value or "").split())
        column = cast(models.CharField, Lot._meta.get_field(field))
        limit = column.max_length or 0
        if len(value) > limit:
            raise InvalidCorrection(f"{Field(field).label} is at most {limit} characters.")
    if field == Field.UNIT_COST:
        cost = units.parse_amount(
            value, field="unit_cost", allow_zero=True, label="cost", maximum=units.MAX_COST
        )
        return units.to_storage(cost)
    return value


def _apply(
    lot: Lot, item: Item, wanted: dict[str, Any], *, note: str, actor_id
) -> LotCorrectionResult:
    operation = new_operation()
    now = timezone.now()
    note = (note or "").strip()
    rows = [
        LotCorrection(
            lot=lot,
            field=field,
            old_value=_shown(getattr(lot, field)),
            new_value=_shown(value),
            note=note,
            actor_id=actor_id,
            operation_id=operation,
            created_at=now,
        )
        for field, value in wanted.items()
    ]
    revalued = Decimal("0")
    if Field.UNIT_COST in wanted:
        revalued = _revalue(lot, item, wanted[Field.UNIT_COST], operation, now, note, actor_id)
    for field, value in wanted.items():
        setattr(lot, field, value)
    lot.save(update_fields=list(wanted))
    written = LotCorrection.objects.bulk_create(rows)
    return LotCorrectionResult(lot=lot, corrections=tuple(written), revalued_by=revalued)


def _revalue(lot: Lot, item: Item, cost: Decimal, operation, now, note: str, actor_id) -> Decimal:
    """One REVALUE movement for the stock left in the lot at its corrected cost; the item's stock
    value moves by the same amount (the books identity holds)."""
    with units.arithmetic():
        value = to_value(lot.quantity_remaining * (cost - lot.unit_cost))
        if uses_average() and item.stock_value + value < 0:
            value = -item.stock_value  # the pool can't go below nothing
    if value == 0:
        return value
    Movement.objects.create(
        item=item,
        lot=lot,
        kind=Movement.Kind.REVALUE,
        quantity=Decimal("0"),
        unit_cost=Decimal("0"),
        value=value,
        actor_id=actor_id,
        note=note or f"Cost of lot {lot.code} corrected",
        operation_id=operation,
        created_at=now,
    )
    change_balances({item.pk: (Decimal("0"), Decimal("0"), value)})
    return value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return units.format_amount(value)
    return str(value)
