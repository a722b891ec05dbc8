"""Field factories shared by the inventory models: every quantity and unit cost is Decimal(20, 6).

20 digits with 6 decimals hold any entry up to `units.MAX_AMOUNT` (1e12) and sums of many of them,
with enough decimals for exact metric conversions (1 mg = 0.000001 kg).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

QUANTITY = {"max_digits": 20, "decimal_places": 6}


def quantity_field(**kwargs) -> models.DecimalField:
    return models.DecimalField(**QUANTITY, **kwargs)


def unit_cost_field(**kwargs) -> models.DecimalField:
    kwargs.setdefault("default", Decimal("0"))
    return models.DecimalField(**QUANTITY, **kwargs)


# Money values of ledger rows and stock: a 6-decimal quantity times a 6-decimal unit cost is exact at 12
# decimals, so sums of them are exact too.
VALUE = {"max_digits": 32, "decimal_places": 12}


def value_field(**kwargs) -> models.DecimalField:
    kwargs.setdefault("default", Decimal("0"))
    if kwargs["default"] is None:
        del kwargs["default"]
    return models.DecimalField(**VALUE, **kwargs)
