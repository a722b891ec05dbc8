"""Stock leaving a SKU outside production and outside a sale (gift, tester, damaged), and returns of
sales recorded here before orders existed.

A sale is an order (`sales.services.record_sale`, a one-line order without a customer): the sale path
goes through the order service only. Each deduction here is written first, so its id can be the ledger
reference ("sku_deduction", id); the stock moves through inventory's `adjust` in the same transaction.
A return of an earlier sale puts it back on the exact lots it came from (inventory's `restore`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from batchtrack.errors import DomainError
from batchtrack.glossary import quantity_words
from inventory import units
from inventory.models import Movement
from inventory.services import adjust, restore
from products.errors import InvalidDeduction
from products.models import Deduction, Sku

ADJUST_KIND: dict[str, str] = {
    Deduction.Kind.GIFT: Movement.Kind.GIFT,
    Deduction.Kind.TESTER: Movement.Kind.TESTER,
    Deduction.Kind.DAMAGED: Movement.Kind.DAMAGED,
}
OUTGOING = tuple(ADJUST_KIND)


def reference(deduction: Deduction) -> tuple[str, int]:
    return ("sku_deduction", deduction.pk)


def deduct(
    *,
    sku: Sku,
    kind: str,
    quantity: Decimal | int | str,
    unit_price: Decimal | int | str | None = None,
    note: str = "",
    actor_id: int | None = None,
) -> Deduction:
    """Record `quantity` of a SKU given away, used as a tester or damaged, and take it from stock:
    FIFO over usable lots (damaged: oldest first from any lot). The deduction's cost is what the lots
    drawn cost. A sale is not a deduction: it is an order (`sales.services.record_sale`).

    Locks the SKU's item (inside inventory). Raises InvalidDeduction and inventory's
    InsufficientStock / InvalidAmount; nothing is written then.
    """
    if kind not in OUTGOING:
        raise InvalidDeduction(
            "Choose gift, tester or damaged. A sale is recorded as an order; a return against "
            "its sale.",
            field="kind",
        )
    try:
        amount = units.parse_amount(quantity)
    except DomainError as exc:
        raise InvalidDeduction(exc.message, field="quantity")
    if unit_price not in (None, ""):
        raise InvalidDeduction("Only a sale has a price; a sale is recorded as an order.")
    note = (note or "").strip()[:200]
    with transaction.atomic():
        deduction = Deduction.objects.create(
            sku=sku,
            kind=kind,
            quantity=amount,
            unit_price=None,
            note=note,
            actor_id=actor_id,
            created_at=timezone.now(),
        )
        given = adjust(
            item=sku.item_id,
            kind=ADJUST_KIND[kind],
            quantity=amount,
            reference=reference(deduction),
            actor_id=actor_id,
            note=note or f"{deduction.get_kind_display()} {sku.code}",
        )
        deduction.cost = -given.value_change
        deduction.save(update_fields=["cost"])
    return deduction


def return_sale(
    *,
    sale: Deduction,
    quantity: Decimal | int | str | None = None,
    note: str = "",
    actor_id: int | None = None,
) -> Deduction:
    """Take back `quantity` (default: all not yet returned) of a sale into stock.

    What comes back goes to the exact lots it was sold from, with their cost and expiry (part of a
    sale: the earliest-expiring of those lots first), so traceability and recalls keep working and a
    return never gets a fresher date. Locks the sale row. Raises InvalidDeduction when the sale isn't a sale or more is returned than was sold.
    """
    with transaction.atomic():
        locked = Deduction.objects.select_for_update().select_related("sku").get(pk=sale.pk)
        if locked.kind != Deduction.Kind.SOLD:
            raise InvalidDeduction("Only a sale can be returned.", field="sale")
        returned = locked.returns.aggregate(total=Sum("quantity"))["total"] or Decimal("0")
        open_quantity = locked.quantity - returned
        if open_quantity <= 0:
            raise InvalidDeduction("Everything from this sale has already been returned.")
        try:
            amount = open_quantity if quantity in (None, "") else units.parse_amount(quantity)
        except DomainError as exc:
            raise InvalidDeduction(exc.message, field="quantity")
        if amount > open_quantity:
            raise InvalidDeduction(
                f"Only {quantity_words(open_quantity, locked.sku.item.stock_unit, locked.sku.item.count_noun)} of this "
                f"sale can still be returned.",
                field="quantity",
            )
        note = (note or "").strip()[:200]
        returned_row = Deduction.objects.create(
            sku=locked.sku,
            kind=Deduction.Kind.RETURNED,
            quantity=amount,
            sale=locked,
            note=note,
            actor_id=actor_id,
            created_at=timezone.now(),
        )
        result = restore(
            reference=reference(locked),
            item=locked.sku.item_id,
            quantity=amount,
            actor_id=actor_id,
            note=note or f"Returned from sale {locked.pk}",
        )
        cost = result.total_cost
        returned_row.cost = cost
        returned_row.save(update_fields=["cost"])
    return returned_row
