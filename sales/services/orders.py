"""Putting an order together: its lines (checked all at once, each problem naming its line), holding
its stock (one inventory reservation per line) and cancelling it (the holds released)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from batchtrack.errors import DomainError
from batchtrack.glossary import quantity_words
from inventory import units
from inventory.errors import InsufficientStock
from inventory.models import Reservation
from inventory.services import lock_items, release, reserve
from products.models import Sku
from products.services.skus import parse_price
from sales.errors import InvalidOrder, LinesShort, OrderClosed
from sales.models import LINE_REFERENCE, Customer, Order, OrderLine
from sales.money import allocate, line_goods

MAX_LINES = 200


@dataclass(frozen=True)
class LineInput:
    """One line as asked for: the SKU, how many (in its stock unit), and optionally the unit price
    (default: the SKU's price) and a discount off the whole line (default none)."""

    sku: Sku | int
    quantity: Decimal | int | str
    unit_price: Decimal | int | str | None = None
    discount: Decimal | int | str | None = None


def line_label(position: int, sku: Sku | None) -> str:
    """How an error names an order's row: "Row 2 (LAV-4OZ)"."""
    return f"Row {position} ({sku.code})" if sku is not None else f"Row {position}"


def short_message(label: str, exc: InsufficientStock) -> str:
    """ "Row 2 (BAR): it needs 9 bars and only 8 bars are ready to use (1 bar short)." """
    short = exc.shortfalls[0]
    need = quantity_words(short.needed, short.unit, short.count_noun)
    have = quantity_words(short.available, short.unit, short.count_noun)
    more = quantity_words(short.shortfall, short.unit, short.count_noun)
    if short.held:
        return f"{label}: it needs {need} ({more} short). {short.held_message}"
    return f"{label}: it needs {need} and only {have} are ready to use ({more} short)."


def _money(value, label: str, what: str) -> Decimal:
    try:
        return parse_price(value)
    except DomainError as exc:
        said = exc.message if what == "price" else f"{what}: {exc.message}"
        raise InvalidOrder(f"{label}: {said}")


def build_lines(lines: Sequence[LineInput]) -> list[OrderLine]:
    """Unsaved lines with their money checked, or one InvalidOrder listing every bad line."""
    if not lines:
        raise InvalidOrder("Add at least one product and how many.", field="lines")
    if len(lines) > MAX_LINES:
        raise InvalidOrder(f"An order has at most {MAX_LINES} products.", field="lines")
    ids = [line.sku.pk if isinstance(line.sku, Sku) else line.sku for line in lines]
    skus = Sku.objects.select_related("item").in_bulk(ids)
    built: list[OrderLine] = []
    problems: dict[str, str] = {}
    for position, (line, sku_id) in enumerate(zip(lines, ids, strict=True), start=1):
        sku = skus.get(sku_id)
        label = line_label(position, sku)
        try:
            built.append(_line(position, sku, line, label))
        except DomainError as exc:
            problems[f"line-{position}"] = exc.message
    if problems:
        raise InvalidOrder(" ".join(problems.values()), field="lines", errors=problems)
    return built


def _line(position: int, sku: Sku | None, line: LineInput, label: str) -> OrderLine:
    if sku is None:
        raise InvalidOrder(f"{label}: that product doesn't exist in this workspace; pick it again.")
    if sku.is_archived:
        raise InvalidOrder(f"{label}: {sku.code} is archived; restore it before selling it.")
    try:
        quantity = units.parse_amount(line.quantity)
    except DomainError as exc:
        raise InvalidOrder(f"{label}: {exc.message}")
    price = sku.price if line.unit_price in (None, "") else _money(line.unit_price, label, "price")
    discount = (
        Decimal("0") if line.discount in (None, "") else _money(line.discount, label, "discount")
    )
    if line_goods(quantity, price, Decimal("0")) < discount:
        raise InvalidOrder(f"{label}: the discount is more than the price.")
    return OrderLine(
        position=position, sku=sku, quantity=quantity, unit_price=price, discount=discount
    )


def create_order(
    *,
    lines: Sequence[LineInput],
    customer: Customer | None = None,
    shipping_charged: Decimal | int | str | None = None,
    marketplace_fee: Decimal | int | str | None = None,
    note: str = "",
    hold: bool = False,
    actor_id: int | None = None,
) -> Order:
    """Record an open order and its lines; with `hold`, set each line's stock aside too.

    Shipping charged and the marketplace fee are shared out to the lines by value (sales.money).
    Validates every line before writing and raises one InvalidOrder naming each bad line (unknown or
    archived SKU, bad quantity, price or discount), or LinesShort naming each line without enough
    free stock to hold; nothing is written then. Locks (with `hold`) the lines' items in id order.
    """
    built = build_lines(lines)
    shipping = _money(shipping_charged or "0", "The order", "shipping charged")
    fee = _money(marketplace_fee or "0", "The order", "marketplace fee")
    with transaction.atomic():
        order = Order.objects.create(
            customer=customer,
            shipping_charged=shipping,
            marketplace_fee=fee,
            note=(note or "").strip()[:200],
            actor_id=actor_id,
            created_at=timezone.now(),
        )
        goods = [line.goods for line in built]
        for line, ship, cut in zip(
            built, allocate(shipping, goods), allocate(fee, goods), strict=True
        ):
            line.order, line.shipping_share, line.fee_share = order, ship, cut
        OrderLine.objects.bulk_create(built)
        if hold:
            _hold(order, built, actor_id)
    return order


def hold_order(*, order: Order, actor_id: int | None = None) -> Order:
    """Set aside the stock of every line of an open order that holds none yet (one reservation per
    line, referenced ("order_line", id)), all or nothing. Locks the order, then the items in id order.
    Raises OrderClosed, LinesShort (each short line named)."""
    with transaction.atomic():
        locked = lock_open_order(order, "hold stock for")
        lines = list(locked.lines.select_related("sku", "reservation").order_by("position"))
        _hold(locked, [line for line in lines if not _holds(line)], actor_id)
    return locked


def _holds(line: OrderLine) -> bool:
    return line.reservation is not None and line.reservation.status == Reservation.Status.OPEN


def _hold(order: Order, lines: list[OrderLine], actor_id: int | None) -> None:
    lock_items(line.sku.item_id for line in lines)
    short: dict[str, str] = {}
    fixes: list = []
    for line in lines:
        try:
            with transaction.atomic():
                line.reservation = reserve(
                    item=line.sku.item_id,
                    quantity=line.quantity,
                    reference=(LINE_REFERENCE, line.pk),
                    actor_id=actor_id,
                    note=f"Order {order.code}",
                )
        except InsufficientStock as exc:
            short[f"line-{line.position}"] = short_message(line_label(line.position, line.sku), exc)
            fixes.extend(exc.details["fixes"])
    if short:
        raise LinesShort(" ".join(short.values()), field="lines", errors=short, fixes=fixes)
    OrderLine.objects.bulk_update(lines, ["reservation"])


def cancel_order(*, order: Order, actor_id: int | None = None) -> Order:
    """Cancel an open order: its held stock is free again. Locks the order, then (inside inventory)
    each held item. Raises OrderClosed for a fulfilled or cancelled order."""
    with transaction.atomic():
        locked = lock_open_order(order, "cancel")
        held = [
            line.reservation
            for line in locked.lines.select_related("reservation").order_by("reservation__item_id")
            if line.reservation is not None and _holds(line)
        ]
        for reservation in held:
            release(reservation=reservation, actor_id=actor_id)
        locked.status = Order.Status.CANCELLED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
    return locked


def lock_open_order(order: Order | int, action: str) -> Order:
    """The order's row, locked; OrderClosed unless it is open."""
    pk = order.pk if isinstance(order, Order) else order
    locked = Order.objects.select_for_update().get(pk=pk)
    if locked.status != Order.Status.OPEN:
        raise OrderClosed(
            f"Order {locked.code} is already {locked.get_status_display().lower()}, so you can't "
            f"{action} it.",
        )
    return locked
