"""Fulfilling an order: every line's stock leaves through inventory's `consume` (kind sale, FIFO over
usable lots, or the line's own hold), and each line is charged exactly what the lots it drew cost.
The quick "record a sale" on a SKU's page is the one-line case, without a customer."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from inventory.errors import InsufficientStock
from inventory.models import Movement, Reservation
from inventory.services import consume, lock_items
from products.models import Sku
from sales.errors import LinesShort, OrderClosed
from sales.models import LINE_REFERENCE, Order, OrderLine
from sales.services.orders import (
    LineInput,
    create_order,
    line_label,
    lock_open_order,
    short_message,
)
from webhooks import events as webhook_events


def fulfil_order(*, order: Order | int, actor_id: int | None = None) -> Order:
    """Take every line's stock and close the order as fulfilled, all or nothing.

    A line holding stock (an open reservation) takes it; any other line takes free usable stock.
    Each line's movements carry the reference ("order_line", id) and its `cost` is their value.
    Locks the order row, then every line's item in ascending id order (then inventory locks each
    reservation), so two orders racing for the same stock never both get it. Raises OrderClosed
    (fulfilled or cancelled already) and LinesShort naming every line without enough stock; nothing
    is written then.
    """
    with transaction.atomic():
        locked = lock_open_order(order, "fulfil")
        lines = list(locked.lines.select_related("sku", "reservation").order_by("position"))
        _take(locked, lines, actor_id)
        locked.status = Order.Status.FULFILLED
        locked.fulfilled_at = locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "fulfilled_at", "closed_at"])
        # Subscribed webhook endpoints hear of it once this transaction commits.
        webhook_events.order_fulfilled(locked)
    return locked


def _take(order: Order, lines: list[OrderLine], actor_id: int | None) -> None:
    lock_items(line.sku.item_id for line in lines)
    short: dict[str, str] = {}
    fixes: list = []
    for line in lines:
        held = line.reservation
        try:
            with transaction.atomic():
                result = consume(
                    item=line.sku.item_id,
                    quantity=line.quantity,
                    kind=Movement.Kind.SALE,
                    reference=(LINE_REFERENCE, line.pk),
                    actor_id=actor_id,
                    note=f"Order {order.code}: {line.sku.code}",
                    allow_reserved_for=held
                    if held is not None and held.status == Reservation.Status.OPEN
                    else None,
                )
        except InsufficientStock as exc:
            short[f"line-{line.position}"] = short_message(line_label(line.position, line.sku), exc)
            fixes.extend(exc.details["fixes"])
            continue
        line.cost = result.total_cost
    if short:
        raise LinesShort(" ".join(short.values()), field="lines", errors=short, fixes=fixes)
    OrderLine.objects.bulk_update(lines, ["cost"])


def record_sale(
    *,
    sku: Sku,
    quantity: Decimal | int | str,
    unit_price: Decimal | int | str | None = None,
    note: str = "",
    reservation: Reservation | None = None,
    actor_id: int | None = None,
) -> OrderLine:
    """Sell `quantity` of a SKU now (at `unit_price`, default its price): a one-line order without
    a customer, fulfilled at once. With `reservation` (a hold on the SKU's stock) the line takes the
    held stock and closes the hold, exactly once. Returns the line (its `cost` is what the lots
    cost). Raises InvalidOrder, LinesShort and OrderClosed; inventory's ReservationClosed when the
    hold was already sold or released. Nothing is written then."""
    with transaction.atomic():
        order = create_order(
            lines=[LineInput(sku=sku, quantity=quantity, unit_price=unit_price)],
            note=note,
            actor_id=actor_id,
        )
        line = order.lines.select_related("sku__item").get()
        if reservation is not None:
            line.reservation = _hold_of(reservation, sku)
            line.save(update_fields=["reservation"])
        fulfil_order(order=order, actor_id=actor_id)
        line.refresh_from_db()
    return line


def _hold_of(reservation: Reservation, sku: Sku) -> Reservation:
    from inventory.errors import ReservationClosed

    # Inventory's order: the item, then the reservation; a second seller waits here, then finds the
    # hold closed (instead of racing to attach it to a second order).
    lock_items([sku.item_id])
    current = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if current.item_id != sku.item_id:
        raise OrderClosed("That hold is for another product.", field="reservation")
    if current.status != Reservation.Status.OPEN:
        raise ReservationClosed(
            f"That hold was already {current.get_status_display().lower()}, so it can't be sold.",
            field="reservation",
        )
    return current
