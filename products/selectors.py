"""Reads for products: lists with the joins and figures their pages show (no N+1)."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from inventory.lot_rules import usable_lots_q
from inventory.models import Lot, Reservation
from products.models import Deduction, Product, Size, Sku


def _next_fifo_cost() -> Subquery:
    """Unit cost of the lot FIFO would sell from next: the oldest usable lot of the SKU's item."""
    now = timezone.now()
    lots = (
        Lot.objects.filter(item=OuterRef("item"), quantity_remaining__gt=0)
        .filter(usable_lots_q(now))
        .order_by("received_at", "id")
        .values("unit_cost")[:1]
    )
    return Subquery(lots)


def sku_list(*, product: Product | None = None, search: str = "") -> QuerySet[Sku]:
    """SKUs with product, variant, size and item joined and `fifo_unit_cost` annotated (None when no
    usable stock), so `sku.margin` = price - fifo_unit_cost."""
    qs = Sku.objects.select_related("product", "variant", "size", "item").annotate(
        fifo_unit_cost=_next_fifo_cost()
    )
    if product is not None:
        qs = qs.filter(product=product)
    if search:
        qs = qs.filter(Q(code__icontains=search) | Q(product__name__icontains=search))
    return qs.order_by("product__name", "code")


def product_list(*, include_archived: bool = False) -> QuerySet[Product]:
    qs = Product.objects.select_related("recipe").prefetch_related(
        Prefetch("skus", queryset=Sku.objects.select_related("item").order_by("code"))
    )
    if not include_archived:
        qs = qs.filter(is_archived=False)
    return qs.order_by("name")


def product_detail(pk: int) -> Product:
    return (
        Product.objects.select_related("recipe")
        .prefetch_related(
            "variants", Prefetch("sizes", queryset=Size.objects.select_related("container"))
        )
        .get(pk=pk)
    )


def sku_detail(pk: int) -> Sku:
    return sku_list().get(pk=pk)


def deductions_for(sku: Sku, limit: int = 50) -> QuerySet[Deduction]:
    return (
        sku.deductions.select_related("sale")
        .prefetch_related("returns")
        .order_by("-created_at", "-id")[:limit]
    )


def open_holds() -> QuerySet[Reservation]:
    """Every open hold with its SKU's item and SKU joined (item.sku), oldest first: orders to ship."""
    from products.services.holds import HOLD_REFERENCE

    return (
        Reservation.objects.filter(reference_type=HOLD_REFERENCE, status=Reservation.Status.OPEN)
        .select_related("item__sku__product")
        .order_by("created_at", "id")
    )


def hold(pk: int) -> Reservation:
    """One hold (a reservation made from a SKU's page); raises Reservation.DoesNotExist."""
    from products.services.holds import HOLD_REFERENCE

    return Reservation.objects.get(pk=pk, reference_type=HOLD_REFERENCE)


def holds_for(sku: Sku) -> QuerySet[Reservation]:
    """The SKU's open holds (stock set aside for orders), oldest first."""

    return open_holds().filter(reference_id=sku.pk)
