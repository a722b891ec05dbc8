"""Demo sales for `seed_demo` and the sample-data load: two customers, an order shipped to a shop
with shipping and a marketplace fee (one bar of it came back), and an open order holding stock.
Runs after the production seeder (TENANT_APPS order), which stocks the lavender bars and records a
quick sale. Idempotent: a workspace with customers is left alone."""

from __future__ import annotations

from products.models import Sku
from sales.models import Customer
from sales.services import (
    LineInput,
    create_customer,
    create_order,
    fulfil_order,
    return_line,
)


def seed(*, organization, owner) -> None:
    if Customer.objects.exists():
        return
    sku = Sku.objects.filter(is_archived=False).select_related("item").order_by("id").first()
    if sku is None or sku.item.on_hand - sku.item.reserved < 3:
        return
    actor = owner.pk if owner else None
    shop = create_customer(
        name="Lavender Market", email="orders@lavender-market.example", notes="Wholesale, net 30."
    )
    create_customer(name="Ada Brook", email="ada@example.com")
    shipped = create_order(
        customer=shop,
        lines=[LineInput(sku=sku, quantity="2", unit_price="8.50", discount="1.00")],
        shipping_charged="4.00",
        marketplace_fee="1.20",
        note="Etsy order 1042",
        actor_id=actor,
    )
    fulfil_order(order=shipped, actor_id=actor)
    return_line(line=shipped.lines.get(), quantity="1", note="Box arrived crushed", actor_id=actor)
    create_order(
        customer=shop,
        lines=[LineInput(sku=sku, quantity="1")],
        note="Restock for the spring fair",
        hold=True,
        actor_id=actor,
    )
