"""Restoring consumed stock by reference: what a cancelled batch (or a voided sale) used goes back to the
exact lots it came from, as new compensating movements."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from inventory import units
from inventory.errors import AlreadyRestored, ItemNotTracked, NothingToRestore
from inventory.models import CONSUMPTION_KINDS, Movement
from inventory.services._common import (
    Reference,
    change_balances,
    change_lots,
    lock_items,
    new_operation,
    reference_parts,
)
from inventory.services.results import MovementLine, RestoreResult


def restore(*, reference: Reference, actor_id: int | None = None, note: str = "") -> RestoreResult:
    """Give back everything consumed (USE and SALE movements) under `reference`, e.g. ("batch", 42).

    Each consumed movement gets one RESTORE movement of the opposite quantity, on the same lot and at
    the same unit cost, so the lot's remaining and the cost both net to zero; untracked usage is
    compensated with an untracked movement. Never redistributes to "oldest lots".

    Locks every item involved (ascending id), then checks again that nothing was restored under this
    reference: a second restore raises AlreadyRestored; a reference with no consumption raises
    NothingToRestore; stock of an item that has since been made untracked raises ItemNotTracked.
    """
    ref_type, ref_id = reference_parts(reference)
    if ref_id is None:
        raise TypeError("restore needs a reference such as ('batch', 42).")
    scope = Movement.objects.filter(reference_type=ref_type, reference_id=ref_id)

    with transaction.atomic():
        consumed = list(scope.filter(kind__in=CONSUMPTION_KINDS).order_by("id"))
        if not consumed:
            raise NothingToRestore(
                f"Nothing was taken from stock for {ref_type} {ref_id}, so there is nothing to put back.",
                reference=(ref_type, ref_id),
            )
        items = lock_items({m.item_id for m in consumed})
        if scope.filter(kind=Movement.Kind.RESTORE).exists():
            raise AlreadyRestored(
                f"The stock used by {ref_type} {ref_id} was already put back; it can't be put back twice.",
                reference=(ref_type, ref_id),
            )
        # Consumption recorded after the lock was taken would be missed; re-read under the lock.
        consumed = list(scope.filter(kind__in=CONSUMPTION_KINDS).order_by("id"))
        for movement in consumed:
            item = items[movement.item_id]
            if movement.affects_stock and not item.is_tracked:
                raise ItemNotTracked(
                    f"{item.name} is no longer stock-tracked, so the {units.format_amount(-movement.quantity)} "
                    f"{item.stock_unit} used by {ref_type} {ref_id} can't be put back on its lot. Turn stock "
                    f"tracking back on first.",
                    field="item",
                )
        operation = new_operation()
        now = timezone.now()
        compensations = [
            Movement(
                item_id=m.item_id,
                lot_id=m.lot_id,
                kind=Movement.Kind.RESTORE,
                quantity=-m.quantity,
                unit_cost=m.unit_cost,
                affects_stock=m.affects_stock,
                reference_type=ref_type,
                reference_id=ref_id,
                actor_id=actor_id,
                note=note,
                operation_id=operation,
                created_at=now,
            )
            for m in consumed
        ]
        Movement.objects.bulk_create(compensations)
        lot_deltas: dict[int, Decimal] = {}
        on_hand_deltas: dict[int, Decimal] = {}
        for m in compensations:
            if m.affects_stock:
                lot_deltas[m.lot_id] = lot_deltas.get(m.lot_id, Decimal("0")) + m.quantity
                on_hand_deltas[m.item_id] = on_hand_deltas.get(m.item_id, Decimal("0")) + m.quantity
        change_lots(lot_deltas)
        change_balances({pk: (delta, Decimal("0")) for pk, delta in on_hand_deltas.items()})

    lines = tuple(
        MovementLine(
            movement_id=m.pk,
            item_id=m.item_id,
            lot_id=m.lot_id,
            quantity=m.quantity,
            unit_cost=m.unit_cost,
        )
        for m in compensations
    )
    with units.arithmetic():
        total = sum((line.quantity * line.unit_cost for line in lines), Decimal("0"))
    return RestoreResult(
        reference=(ref_type, ref_id), movements=lines, total_cost=total, operation_id=operation
    )
