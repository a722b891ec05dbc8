"""Cost of goods sold for any period, traced to the lots drawn, from the ledger.

Sold = every SALE movement (an order line's, or a SKU-page sale from before orders) and every RESTORE
under a sale reference (inventory.models.SALE_REFERENCES: a customer's return), recorded in the
period; cost of goods = minus the sum of their values (exact). The same rule (`sold_q`) splits sales
from other outflows in the year-end summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from inventory.models import SALE_REFERENCES, Movement

LOTS_SHOWN = 500


def sold_q() -> Q:
    return Q(kind=Movement.Kind.SALE) | Q(
        kind=Movement.Kind.RESTORE, reference_type__in=SALE_REFERENCES
    )


def sold_movements(*, start: datetime, end: datetime) -> QuerySet[Movement]:
    return Movement.objects.filter(sold_q(), created_at__gte=start, created_at__lt=end)


@dataclass(frozen=True)
class LotCost:
    lot_id: int | None  # None: an untracked item, sold without a lot
    lot_code: str
    item: str
    stock_unit: str
    supplier: str
    supplier_lot_code: str
    unit_cost: Decimal | None
    quantity: Decimal  # net of returns
    cost: Decimal  # exact, net of returns


@dataclass(frozen=True)
class CostOfGoods:
    start: datetime
    end: datetime
    lots: list[LotCost]  # largest cost first, at most `shown`
    lot_count: int
    total: Decimal  # exact, every lot


def cost_of_goods(*, start: datetime, end: datetime, shown: int | None = LOTS_SHOWN) -> CostOfGoods:
    """Cost of goods sold in [start, end), per lot drawn (net of returns), the `shown` costliest
    (None: every lot, for the export). Two queries."""
    grouped = (
        sold_movements(start=start, end=end)
        .values(
            "lot_id",
            "item__name",
            "item__stock_unit",
            "lot__supplier",
            "lot__supplier_lot_code",
            "lot__unit_cost",
        )
        .annotate(quantity=-Sum("quantity"), cost=-Sum("value"))
        .order_by("-cost", "lot_id")
    )
    rows = list(grouped[:shown])
    summary = (
        sold_movements(start=start, end=end)
        .order_by()
        .aggregate(total=Sum("value"), lots=_count_lots())
    )
    return CostOfGoods(
        start=start,
        end=end,
        lots=[_lot_cost(row) for row in rows],
        lot_count=summary["lots"] or 0,
        total=-(summary["total"] or Decimal("0")),
    )


def _count_lots() -> Count:
    return Count("lot_id", distinct=True)


def _lot_cost(row: dict) -> LotCost:
    return LotCost(
        lot_id=row["lot_id"],
        lot_code=f"L{row['lot_id']}" if row["lot_id"] else "—",
        item=row["item__name"],
        stock_unit=row["item__stock_unit"],
        supplier=row["lot__supplier"] or "",
        supplier_lot_code=row["lot__supplier_lot_code"] or "",
        unit_cost=row["lot__unit_cost"],
        quantity=row["quantity"],
        cost=row["cost"],
    )


def sold_draws(*, start: datetime, end: datetime) -> Iterator[Movement]:
    """Every sold movement in the period, oldest first, with its item and lot (for the export)."""
    return (
        sold_movements(start=start, end=end)
        .select_related("item", "lot")
        .order_by("created_at", "id")
        .iterator(chunk_size=1000)
    )
