"""Stock leaving a SKU outside production (sold, gift, tester, damaged) and customer returns.

Each deduction is written first, so its id can be the ledger reference ("sku_deduction", id); the stock
moves through inventory's services in the same transaction: `consume` (kind sale) for a sale, `adjust`
(gift, tester, damaged) for the rest. A return puts a whole sale back on the exact lots it came from
(inventory's `restore`), or, for part of a sale, credits a new lot at the sale's cost.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Movement
from inventory.services import adjust, consume, restore
from products.errors import InvalidDeduction
from products.models import Deduction, Sku
from products.services.skus import parse_price

ADJUST_KIND: dict[str, str] = {
    Deduction.Kind.GIFT: Movement.Kind.GIFT,
    Deduction.Kind.TESTER: Movement.Kind.TESTER,
    Deduction.Kind.DAMAGED: Movement.Kind.DAMAGED,
}
OUTGOING = (Deduction.Kind.SOLD, *ADJUST_KIND)


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
    """Record `quantity` of a SKU sold (at `unit_price`, default the SKU's price), given away, used as
    a tester or damaged, and take it from stock: FIFO over usable lots (damaged: oldest first from any
    lot). The deduction's cost is what the lots drawn cost.

    Locks the SKU's item (inside inventory). Raises InvalidDeduction and inventory's
    InsufficientStock / InvalidAmount; nothing is written then.
    """
    if kind not in OUTGOING:
        raise InvalidDeduction(
            "Choose sold, gift, tester or damaged. A return is recorded against its sale.",
            field="kind",
        )
    try:
        amount = units.parse_amount(quantity)
    except DomainError as exc:
        raise InvalidDeduction(exc.message, field="quantity")
    price = price_or_default(sku, unit_price) if kind == Deduction.Kind.SOLD else None
    note = (note or "").strip()[:200]
    with transaction.atomic():
        deduction = Deduction.objects.create(
            sku=sku,
            kind=kind,
            quantity=amount,
            unit_price=price,
            note=note,
            actor_id=actor_id,
            created_at=timezone.now(),
        )
        if kind == Deduction.Kind.SOLD:
            sold = consume(
                item=sku.item_id,
                quantity=amount,
                kind=Movement.Kind.SALE,
                reference=reference(deduction),
                actor_id=actor_id,
                note=note or f"Sold {sku.code}",
            )
            cost = sold.total_cost
        else:
            given = adjust(
                item=sku.item_id,
                kind=ADJUST_KIND[kind],
                quantity=amount,
                reference=reference(deduction),
                actor_id=actor_id,
                note=note or f"{deduction.get_kind_display()} {sku.code}",
            )
            cost = -given.value_change
        deduction.cost = cost
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
                f"Only {units.format_amount(open_quantity)} {locked.sku.item.stock_unit} of this "
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


def price_or_default(sku: Sku, unit_price) -> Decimal:
    """The sale's unit price: as entered, or the SKU's price when left blank."""
    return sku.price if unit_price in (None, "") else _price(unit_price)


def _price(value) -> Decimal:
    try:
        return parse_price(value)
    except DomainError as exc:
        raise InvalidDeduction(exc.message, field="unit_price")
