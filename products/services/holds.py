"""Holding a SKU's stock for an order: set aside now, then sold or let go.

A hold is inventory's Reservation on the SKU's item with the reference ("sku", sku id): while it is open
nobody else can take that stock (another sale, production, an adjustment). Selling a hold records an
ordinary sale (a one-line order, so the history, reports and returns treat it like any other) and
closes the reservation in the same transaction, exactly once: inventory locks the reservation, so two people
pressing Sell at the same moment make one sale.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Reservation
from inventory.services import release, reserve
from products.errors import InvalidDeduction
from products.models import Sku

if TYPE_CHECKING:
    from sales.models import OrderLine

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
) -> OrderLine:
    """Sell all the held stock (at `unit_price`, default the SKU's price) as a one-line order, FIFO,
    and close the hold (`sales.services.record_sale`). Raises ReservationClosed if it was already sold
    or released, LinesShort if held stock has since expired; nothing is written then."""
    from sales.services import record_sale

    # A hold always names its SKU; the stubs only see int | None.
    sku = Sku.objects.get(pk=reservation.reference_id)  # type: ignore[misc]
    return record_sale(
        sku=sku,
        quantity=reservation.quantity,
        unit_price=unit_price,
        note=f"Held for {reservation.note}"[:200],
        reservation=reservation,
        actor_id=actor_id,
    )
