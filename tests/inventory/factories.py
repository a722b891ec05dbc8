"""Factories and helpers for inventory tests. Items are plain rows (an item starts with no stock);
stock only ever arrives through the services, so every helper here keeps the ledger invariant."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from inventory import services
from inventory.models import Item, Lot


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    name = factory.Sequence(lambda n: f"Ingredient {n}")
    kind = Item.Kind.INGREDIENT
    stock_unit = "g"


def stock(
    item: Item,
    quantity: str | int | Decimal,
    unit_cost: str | int | Decimal = "1.00",
    *,
    unit: str | None = None,
    days_ago: float | None = None,
    **extra,
) -> Lot:
    """Receive a lot; `days_ago` back-dates it (FIFO order follows received_at)."""
    if days_ago is not None:
        extra.setdefault("received_at", timezone.now() - timedelta(days=days_ago))
    return services.receive(item=item, quantity=quantity, unit=unit, unit_cost=unit_cost, **extra)


def ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def ahead(days: float) -> datetime:
    return timezone.now() + timedelta(days=days)
