"""A customer's return: it names the order line, and the stock goes back to the exact lots that line
drew from (inventory's `restore`: their cost and expiry; part of a line, the earliest-expiring of
those lots first), so cost of goods, traceability and recalls stay right."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from batchtrack.errors import DomainError
from batchtrack.glossary import quantity_words
from inventory import units
from inventory.services import restore
from products.services.skus import parse_price
from sales.errors import InvalidReturn
from sales.models import LINE_REFERENCE, LineReturn, Order, OrderLine
from sales.money import default_refund
from sales.services.orders import line_label


def return_line(
    *,
    line: OrderLine | int,
    quantity: Decimal | int | str | None = None,
    refund: Decimal | int | str | None = None,
    note: str = "",
    actor_id: int | None = None,
) -> LineReturn:
    """Take back `quantity` (default: all still with the customer) of a fulfilled order line.

    `refund` (cents) defaults to the returned share of the line's goods not yet refunded
    (sales.money.default_refund) and may not exceed what the line brought in (goods and shipping)
    less earlier refunds. Locks the line row, then (inside inventory) its item. Raises InvalidReturn
    naming the line (order not fulfilled, more than is still out, a bad refund); nothing is written.
    """
    pk = line.pk if isinstance(line, OrderLine) else line
    with transaction.atomic():
        locked = (
            OrderLine.objects.select_for_update(of=("self",))
            .select_related("order", "sku__item")
            .get(pk=pk)
        )
        label = line_label(locked.position, locked.sku)
        if locked.order.status != Order.Status.FULFILLED:
            raise InvalidReturn(
                f"{label}: order {locked.order.code} hasn't been fulfilled, so nothing can come "
                f"back from it.",
                field="quantity",
            )
        before = locked.returns.aggregate(qty=Sum("quantity"), refund=Sum("refund"))
        out = locked.quantity - (before["qty"] or Decimal("0"))
        refunded = before["refund"] or Decimal("0")
        amount = _amount(quantity, out, label, locked.sku.item)
        paid = _refund(refund, locked, amount, out, refunded, label)
        result = restore(
            reference=(LINE_REFERENCE, locked.pk),
            item=locked.sku.item_id,
            quantity=amount,
            actor_id=actor_id,
            note=note or f"Returned from order {locked.order.code}",
        )
        return LineReturn.objects.create(
            line=locked,
            quantity=amount,
            refund=paid,
            cost=result.total_cost,
            note=(note or "").strip()[:200],
            actor_id=actor_id,
            created_at=timezone.now(),
        )


def _amount(quantity, out: Decimal, label: str, item) -> Decimal:
    if out <= 0:
        raise InvalidReturn(f"{label}: all of it has been returned already.")
    if quantity in (None, ""):
        return out
    try:
        amount = units.parse_amount(quantity)
    except DomainError as exc:
        raise InvalidReturn(f"{label}: {exc.message}", field="quantity")
    if amount > out:
        raise InvalidReturn(
            f"{label}: only {quantity_words(out, item.stock_unit, item.count_noun)} are still "
            f"with the customer, so {quantity_words(amount, item.stock_unit, item.count_noun)} "
            "can't come back.",
            field="quantity",
        )
    return amount


def _refund(refund, line: OrderLine, amount, out, refunded: Decimal, label: str) -> Decimal:
    if refund in (None, ""):
        return default_refund(
            left=max(line.goods - refunded, Decimal("0")), out=out, returning=amount
        )
    try:
        paid = parse_price(refund)
    except DomainError as exc:
        raise InvalidReturn(f"{label}: refund: {exc.message}", field="refund")
    most = line.revenue - refunded
    if paid > most:
        raise InvalidReturn(
            f"{label}: the refund can be at most {most} (what it brought in, less earlier "
            f"refunds).",
            field="refund",
        )
    return paid
