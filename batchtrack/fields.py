"""Model field factories shared by the production apps (recipes, batches, products)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models


def exact_money_field(**kwargs) -> models.DecimalField:
    """An exact cost: sums of quantity (6 dp) x unit cost (6 dp) have at most 12 decimals, so they are
    stored unrounded; round to cents only to show them."""
    kwargs.setdefault("default", Decimal("0"))
    return models.DecimalField(max_digits=32, decimal_places=12, **kwargs)
