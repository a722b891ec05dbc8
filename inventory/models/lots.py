from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from inventory.models.fields import quantity_field, unit_cost_field


class Lot(models.Model):
    """One receipt of an item, in the item's stock unit, with its own unit cost and dates.

    FIFO order is (received_at, id). A lot is expired once expires_at has passed and curing (held)
    while hold_until is in the future; production use skips both.
    """

    class Source(models.TextChoices):
        PURCHASE = "purchase", "Purchase"
        BATCH_OUTPUT = "batch_output", "Batch output"
        ADJUSTMENT = "adjustment", "Adjustment"
        RETURN = "return", "Return"

    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="lots")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PURCHASE)
    quantity_received = quantity_field()
    quantity_remaining = quantity_field()
    # Cost of one stock unit of the item.
    unit_cost = unit_cost_field()
    received_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    hold_until = models.DateTimeField(null=True, blank=True)
    # When the expiry scan marked this lot expired (expires_at had passed with stock left). Expiry itself
    # is derived from expires_at; this records that the workspace was told and the lot was flagged.
    marked_expired_at = models.DateTimeField(null=True, blank=True)
    # The supplier's name as it was when the lot arrived (free text; all that lots received before the
    # supplier directory have), and, for lots received from a directory supplier, that supplier.
    supplier = models.CharField(max_length=120, blank=True)
    purchased_from = models.ForeignKey(
        "purchasing.Supplier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lots",
    )
    supplier_lot_code = models.CharField(max_length=80, blank=True)
    reference_type = models.CharField(max_length=40, blank=True)
    reference_id = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_received__gt=0), name="inventory_lot_received_gt_0"
            ),
            models.CheckConstraint(
                condition=Q(quantity_remaining__gte=0)
                & Q(quantity_remaining__lte=F("quantity_received")),
                name="inventory_lot_remaining_within_received",
            ),
            models.CheckConstraint(condition=Q(unit_cost__gte=0), name="inventory_lot_cost_gte_0"),
        ]
        indexes = [
            # FIFO scans read only open lots, oldest first.
            models.Index(
                fields=["item", "received_at", "id"],
                condition=Q(quantity_remaining__gt=0),
                name="inventory_lot_open_fifo",
            ),
            models.Index(
                fields=["expires_at"],
                condition=Q(quantity_remaining__gt=0, expires_at__isnull=False),
                name="inventory_lot_open_expiry",
            ),
            models.Index(
                fields=["reference_type", "reference_id"],
                condition=~Q(reference_type=""),
                name="inventory_lot_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} of {self.item_id}"

    @property
    def code(self) -> str:
        return f"L{self.pk}"

    @staticmethod
    def id_from_code(text: str) -> int | None:
        """The lot id in one of our codes as people type it ("L123", "l123" or "123"), else None."""
        digits = " ".join(str(text or "").split()).upper().removeprefix("L")
        if digits.isascii() and digits.isdigit() and len(digits) <= 18:
            return int(digits)
        return None

    @property
    def value(self) -> Decimal:
        return self.quantity_remaining * self.unit_cost

    def is_expired(self, at: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (at or timezone.now())

    def is_curing(self, at: datetime | None = None) -> bool:
        return self.hold_until is not None and self.hold_until > (at or timezone.now())
