from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from inventory.models.fields import quantity_field


class Reservation(models.Model):
    """Stock set aside (for an order, say): counted in item.reserved while open, so nobody else can
    use it. Fulfilling deducts the stock once (through consume); releasing gives it back to everyone.
    A reservation is not a ledger movement: it changes no stock, only who may use it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RELEASED = "released", "Released"
        FULFILLED = "fulfilled", "Fulfilled"

    item = models.ForeignKey(
        "inventory.Item", on_delete=models.PROTECT, related_name="reservations"
    )
    # In the item's stock unit.
    quantity = quantity_field()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reference_type = models.CharField(max_length=40, blank=True)
    reference_id = models.BigIntegerField(null=True, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="inventory_reservation_qty_gt_0"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="inventory_reservation_closed_when_not_open",
            ),
        ]
        indexes = [
            models.Index(
                fields=["item"], condition=Q(status="open"), name="inventory_reservation_open"
            ),
            models.Index(
                fields=["reference_type", "reference_id"], name="inventory_reservation_ref"
            ),
        ]

    def __str__(self) -> str:
        return f"Reservation {self.pk} of item {self.item_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
