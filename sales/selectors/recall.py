"""Who received stock from recalled lots: the order lines that drew from them (net of what came
back), with their orders and customers. Two queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from inventory.models import Movement
from sales.models import LINE_REFERENCE, OrderLine


@dataclass(frozen=True)
class Buyer:
    line: OrderLine  # with order, customer and SKU joined
    lot_ids: tuple[int, ...]
    quantity: Decimal  # still with the customer, from those lots


def buyers_of(lot_ids: Iterable[int]) -> list[Buyer]:
    """Every order line that took stock from `lot_ids` and kept some, by order date."""
    ids = sorted(set(lot_ids))
    if not ids:
        return []
    taken = (
        Movement.objects.filter(lot_id__in=ids, reference_type=LINE_REFERENCE)
        .filter(Q(kind=Movement.Kind.SALE) | Q(kind=Movement.Kind.RESTORE))
        .values("reference_id", "lot_id")
        .annotate(quantity=-Sum("quantity"))
        .order_by()
    )
    kept: dict[int, tuple[list[int], Decimal]] = {}
    for row in taken:
        if row["quantity"] > 0:
            lots, quantity = kept.get(row["reference_id"], ([], Decimal("0")))
            kept[row["reference_id"]] = ([*lots, row["lot_id"]], quantity + row["quantity"])
    lines = OrderLine.objects.filter(pk__in=kept).select_related("order__customer", "sku")
    return sorted(
        (
            Buyer(line=line, lot_ids=tuple(sorted(kept[line.pk][0])), quantity=kept[line.pk][1])
            for line in lines
        ),
        key=lambda b: (b.line.order.fulfilled_at or b.line.order.created_at, b.line.pk),
    )
