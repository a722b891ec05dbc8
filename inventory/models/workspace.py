from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from inventory.models.fields import quantity_field
from inventory.units import UNIT_CHOICES, CustomUnitDef


class CustomUnit(models.Model):
    """A workspace's own unit: one `name` is `quantity` `unit`.

    Same kind (1 scoop = 2 tbsp: kind volume) or a piece defined by weight or volume (1 bar = 113 g:
    kind count, so one bar is also one "each"). Names are stored normalised (lower case, single spaces).
    Each workspace has its own table (tenant schema), so another organization's units are invisible.
    """

    class Kind(models.TextChoices):
        MASS = "mass", "Weight"
        VOLUME = "volume", "Volume"
        COUNT = "count", "Count (a piece)"

    name = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    quantity = quantity_field()
    unit = models.CharField(max_length=10, choices=UNIT_CHOICES)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="inventory_customunit_qty_gt_0"
            )
        ]

    def __str__(self) -> str:
        return f"1 {self.name} = {self.quantity.normalize():f} {self.unit}"

    def as_definition(self) -> CustomUnitDef:
        return CustomUnitDef(name=self.name, quantity=self.quantity, unit=self.unit, kind=self.kind)


class InventoryPreferences(models.Model):
    """The workspace's inventory settings: a single row with id 1 (absent means the defaults)."""

    class CostingMethod(models.TextChoices):
        FIFO = "fifo", "FIFO: each use costs what its lot cost"
        AVERAGE = "average", "Average: each use costs the weighted average of stock on hand"

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    costing_method = models.CharField(
        max_length=10, choices=CostingMethod.choices, default=CostingMethod.FIFO
    )
    # Lots expiring within this many days get the "expiring" badge.
    expiring_soon_days = models.PositiveSmallIntegerField(default=30)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "inventory preferences"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="inventory_preferences_singleton")
        ]

    def __str__(self) -> str:
        return f"Inventory preferences ({self.costing_method})"
