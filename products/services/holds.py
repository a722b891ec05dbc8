"""Holding a SKU's stock for an order: set aside now, then sold or let go.

A hold is inventory's Reservation on the SKU's item with the reference ("sku", sku id): while it is open
nobody else can take that stock (another sale, production, an adjustment). Selling a hold records an
ordinary sale (a Deduction, so the history, margins and returns treat it like any other) and closes
the reservation in the same transaction, exactly once: inventory locks the reservation, so two people
pressing Sell at the same moment make one sale.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Movement, Reservation
from inventory.services import consume, release, reserve
from products.errors import InvalidDeduction
from products.models import Deduction, Sku
from products.services.deductions import price_or_default, reference

HOLD_REFERENCE = "sku"


def hold(
    *, sku: Sku, quantity: Decimal | int | str, note: str, actor_id: int | None = None
) -> Reservation:
    """Set aside `quantity` (in the SKU's stock unit) of usable stock for an order named in `note`.

    Raises InvalidDeduction for a missing note or a bad quantity, and inventory's InsufficientStock
    when not that much is free; nothing is written then.
    """
    note = (note or "").strip()[:200]
    if not note:
        raise InvalidDeduction(
            "Say what the stock is held for: an order number or a customer's name.", field="note"
        )
    try:
        amount = units.parse_amount(quantity)
    except DomainError as exc:
        raise InvalidDeduction(exc.message, field="quantity")
    return reserve(
        item=sku.item_id,
        quantity=amount,
        reference=(HOLD_REFERENCE, sku.pk),
        actor_id=actor_id,
        note=note,
    )


def release_hold(*, reservation: Reservation, actor_id: int | None = None) -> Reservation:
    """Give the held stock back to everyone. Raises ReservationClosed if it is no longer open."""
    return release(reservation=reservation, actor_id=actor_id)


def sell_hold(
    *,
    reservation: Reservation,
    unit_price: Decimal | int | str | None = None,
    actor_id: int | None = None,
) -> Deduction:
    """Sell all the held stock (at `unit_price`, default the SKU's price) as one sale, FIFO, and
    close the hold. Raises ReservationClosed if it was already sold or released, InsufficientStock if
    held stock has since expired; nothing is written then."""
    # A hold always names its SKU; the stubs only see int | None.
    sku = Sku.objects.get(pk=reservation.reference_id)  # type: ignore[misc]
    price = price_or_default(sku, unit_price)
    with transaction.atomic():
        sale = Deduction.objects.create(
            sku=sku,
            kind=Deduction.Kind.SOLD,
            quantity=reservation.quantity,
            unit_price=price,
            note=reservation.note[:200],
            actor_id=actor_id,
            created_at=timezone.now(),
        )
        result = consume(
            item=sku.item_id,
            quantity=reservation.quantity,
            kind=Movement.Kind.SALE,
            reference=reference(sale),
            actor_id=actor_id,
            note=f"Sold {sku.code}, held for {reservation.note}"[:200],
            allow_reserved_for=reservation,
        )
        sale.cost = result.total_cost
        sale.save(update_fields=["cost"])
    return sale
