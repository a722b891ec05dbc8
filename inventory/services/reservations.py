"""Reserving stock (for an order, say), releasing it, and fulfilling it with a single deduction."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from inventory import units
from inventory.errors import InsufficientStock, ReservationClosed, Shortfall
from inventory.held_stock import held_stock
from inventory.models import Item, Movement, Reservation
from inventory.services._conversion import custom_unit_defs, display_unit, from_stock, to_stock
from inventory.services._inputs import Reference, reference_parts
from inventory.services._locks import lock_item, require_active, require_tracked
from inventory.services._lots import sum_lots
from inventory.services._writes import change_balances
from inventory.services.consumption import consume
from inventory.services.results import ConsumeResult


def reserve(
    *,
    item: Item | int,
    quantity: Decimal | int | str,
    unit: str | None = None,
    reference: Reference | None = None,
    actor_id: int | None = None,
    note: str = "",
) -> Reservation:
    """Set aside `quantity` of usable stock (not expired, not curing, not already reserved).

    Writes no ledger movement (no stock moves); item.reserved grows, so consume and adjustments can no
    longer take this stock except through `fulfil` (or consume with allow_reserved_for=).
    Locks the item row. Raises InvalidAmount / UnitError subclasses, ItemNotFound, ItemArchived,
    ItemNotTracked, InsufficientStock.
    """
    amount = units.parse_amount(quantity)
    ref_type, ref_id = reference_parts(reference)
    custom = custom_unit_defs(unit)
    with transaction.atomic():
        locked = lock_item(item)
        require_active(locked)
        require_tracked(locked, "reserve")
        need = to_stock(locked, amount, unit, custom)
        now = timezone.now()
        usable = sum_lots(locked.pk, usable_at=now)
        available = max(usable - locked.reserved, Decimal("0"))
        if need > available:
            with units.arithmetic():
                have = from_stock(locked, available, unit, custom)
                raise InsufficientStock(
                    [
                        Shortfall(
                            item_id=locked.pk,
                            item_name=locked.name,
                            needed=amount,
                            available=have,
                            shortfall=amount - have,
                            unit=display_unit(locked, unit),
                            count_noun=locked.count_noun,
                            held=held_stock(
                                locked.pk,
                                now=now,
                                reserved=locked.reserved,
                                to_unit=lambda amount: from_stock(locked, amount, unit, custom),
                            ),
                        )
                    ]
                )
        reservation = Reservation.objects.create(
            item=locked,
            quantity=need,
            reference_type=ref_type,
            reference_id=ref_id,
            actor_id=actor_id,
            note=note,
        )
        change_balances({locked.pk: (Decimal("0"), need)})
    return reservation


def release(*, reservation: Reservation, actor_id: int | None = None) -> Reservation:
    """Give an open reservation's stock back to everyone. Locks the item, then the reservation.
    Raises ReservationClosed if it was already released or fulfilled."""
    with transaction.atomic():
        item = lock_item(reservation.item_id)
        locked = Reservation.objects.select_for_update().get(pk=reservation.pk)
        if locked.status != Reservation.Status.OPEN:
            raise ReservationClosed(
                f"That reservation of {item.name} was already {locked.get_status_display().lower()}.",
                field="reservation",
            )
        locked.status = Reservation.Status.RELEASED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        change_balances({item.pk: (Decimal("0"), -locked.quantity)})
    reservation.status, reservation.closed_at = locked.status, locked.closed_at
    return locked


def fulfil(
    *,
    reservation: Reservation,
    kind: str = Movement.Kind.SALE,
    actor_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> ConsumeResult:
    """Deduct a reservation's stock (FIFO, kind SALE by default) and close it as fulfilled, once.

    The reservation's own reference (or ("reservation", id) when it has none) goes on the movements, so
    `restore` can undo the sale. Raises ReservationClosed for a reservation that is not open, and
    InsufficientStock if reserved stock has since expired or been written off.
    """
    reference = (
        (reservation.reference_type, reservation.reference_id)
        if reservation.reference_type and reservation.reference_id is not None
        else ("reservation", reservation.pk)
    )
    return consume(
        item=reservation.item_id,
        quantity=reservation.quantity,
        kind=kind,
        reference=reference,
        actor_id=actor_id,
        note=note,
        allow_reserved_for=reservation,
        idempotency_key=idempotency_key,
    )
