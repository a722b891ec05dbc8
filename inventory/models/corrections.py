from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class LotCorrection(models.Model):
    """The ledger's audit of a lot's facts: one append-only row per field a person corrected (cure
    date, expiry, supplier, supplier's lot code, unit cost), with the old and the new value, who and
    why.

    A lot's dates and supplier are not stock movements (nothing enters or leaves), so they are not
    `Movement` rows; but they decide what may be sold and what a recall finds, so a change to them is
    never a silent UPDATE. The lot row holds the current value; these rows hold its history, written
    by `inventory.services.correct_lot` / `release_cure` in the same transaction. A cost correction
    also writes a REVALUE movement under the same `operation_id`, which keeps the books balanced.
    Rows live in the workspace's schema next to the ledger (not in the public audit log, which
    records membership, billing and workspace changes), and the database refuses UPDATE and DELETE
    (migration 0006).
    """

    class Field(models.TextChoices):
        HOLD_UNTIL = "hold_until", "Curing until"
        EXPIRES_AT = "expires_at", "Best before"
        SUPPLIER = "supplier", "Supplier"
        SUPPLIER_LOT_CODE = "supplier_lot_code", "Supplier's lot code"
        UNIT_COST = "unit_cost", "Cost of one unit"

    lot = models.ForeignKey("inventory.Lot", on_delete=models.PROTECT, related_name="corrections")
    field = models.CharField(max_length=20, choices=Field.choices)
    # As shown to a person: an ISO date-time, a decimal or text; empty means "none".
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    # A public-schema user id (users do not live in workspace schemas).
    actor_id = models.BigIntegerField(null=True, blank=True)
    operation_id = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["lot", "-id"], name="inventory_lotcorrection_recent")]

    def __str__(self) -> str:
        return f"{self.get_field_display()} of lot {self.lot_id}"
