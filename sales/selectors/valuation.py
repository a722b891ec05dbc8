"""Inventory valuation on any past date, from the ledger alone: for each item, the sum of its
stock-affecting movements' quantity and value recorded before the moment (the ledger is append-only,
so the past never changes; today's figure equals the items' on-hand and stock value). One query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q, Sum

from inventory.models import Item, Movement


@dataclass(frozen=True)
class ItemValue:
    item_id: int
    name: str
    kind: str
    stock_unit: str
    quantity: Decimal
    value: Decimal  # exact


@dataclass(frozen=True)
class Valuation:
    at: datetime
    items: list[ItemValue]

    @property
    def total(self) -> Decimal:
        return sum((i.value for i in self.items), Decimal("0"))


def valuation_as_of(*, at: datetime) -> Valuation:
    """Every item that held stock (or value) just before `at`, by name, with its quantity and value.
    Two queries: the ledger's sums per item, then those items' names."""
    totals = list(
        Movement.objects.filter(affects_stock=True, created_at__lt=at)
        .values("item_id")
        .annotate(quantity=Sum("quantity"), value=Sum("value"))
        .filter(~Q(quantity=0) | ~Q(value=0))
        .order_by()
    )
    items = Item.objects.only("name", "kind", "stock_unit").in_bulk(
        [row["item_id"] for row in totals]
    )
    kinds = dict(Item.Kind.choices)
    found = [
        ItemValue(
            row["item_id"],
            items[row["item_id"]].name,
            kinds.get(items[row["item_id"]].kind, items[row["item_id"]].kind),
            items[row["item_id"]].stock_unit,
            row["quantity"],
            row["value"],
        )
        for row in totals
    ]
    return Valuation(at=at, items=sorted(found, key=lambda i: (i.name.lower(), i.item_id)))
