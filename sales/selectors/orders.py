"""Reads for the order and customer pages, with their joins and sums applied (no N+1)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from products.models import Sku
from sales.models import Customer, LineReturn, Order, OrderLine

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=32, decimal_places=12))


def customer_list(*, search: str = "") -> QuerySet[Customer]:
    """Customers by name with how many orders each placed."""
    qs = Customer.objects.annotate(order_count=Count("orders"))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(email__icontains=search))
    return qs.order_by("name", "id")


def customer_detail(pk: int) -> Customer:
    return Customer.objects.get(pk=pk)


def order_list(
    *, status: str = "", customer: Customer | None = None, search: str = ""
) -> QuerySet[Order]:
    """Orders, newest first, with the customer joined and line count and goods total annotated."""
    qs = Order.objects.select_related("customer").annotate(line_count=Count("lines"))
    if status:
        qs = qs.filter(status=status)
    if customer is not None:
        qs = qs.filter(customer=customer)
    if search:
        term = search.strip().upper().removeprefix("O-")
        by_code = Q(pk=int(term)) if term.isdigit() and len(term) < 18 else Q(pk__in=[])
        qs = qs.filter(by_code | Q(customer__name__icontains=search) | Q(note__icontains=search))
    return qs.order_by("-created_at", "-id")


def order_detail(pk: int) -> Order:
    """One order with its customer, and its lines (SKU, item, hold, returns) prefetched as
    `order.line_rows`, each line annotated with `returned` and `refunded`."""
    lines = (
        OrderLine.objects.select_related("sku__product", "sku__item", "reservation")
        .prefetch_related(Prefetch("returns", queryset=LineReturn.objects.order_by("id")))
        .annotate(
            returned=Coalesce(Sum("returns__quantity"), ZERO),
            refunded=Coalesce(Sum("returns__refund"), ZERO),
        )
        .order_by("position")
    )
    return (
        Order.objects.select_related("customer")
        .prefetch_related(Prefetch("lines", queryset=lines, to_attr="line_rows"))
        .get(pk=pk)
    )


def order_line(pk: int) -> OrderLine:
    return OrderLine.objects.select_related("order", "sku").get(pk=pk)


def lines_for_sku(sku: Sku, limit: int = 50) -> list[OrderLine]:
    """The SKU's latest fulfilled order lines, with their order and customer, newest first."""
    return list(
        OrderLine.objects.filter(sku=sku, order__status=Order.Status.FULFILLED)
        .select_related("order__customer")
        .annotate(returned=Coalesce(Sum("returns__quantity"), ZERO))
        .order_by("-order__fulfilled_at", "-id")[:limit]
    )


def active_skus() -> QuerySet[Sku]:
    """SKUs an order line can name, with product and item joined, by code."""
    return Sku.objects.filter(is_archived=False).select_related("product", "item").order_by("code")
