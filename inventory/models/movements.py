from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from inventory.models.fields import quantity_field, unit_cost_field, value_field


class Movement(models.Model):
    """The stock ledger: one append-only row per change of one lot (or of an untracked item).

    `quantity` is signed and in the item's stock unit; `value` is the signed money it moved in or out of
    the item's stock value, exact (quantity x the lot's cost under FIFO; the draw's exact share of the
    stock value under average costing); `unit_cost` is value / quantity to 6 decimals, for reading. A
    REVALUE row changes value only (quantity 0): an average carried into FIFO lots, a corrected cost.
    Rows are never updated or deleted: a database trigger refuses it (migration 0002); corrections are
    new movements. `affects_stock` is False only for untracked items, whose usage is recorded with its
    cost while their stock stays at zero; such rows have no lot.

    `operation_id` groups the rows one service call wrote; `idempotency_key`, when the caller gives one,
    is stored on the first row of that call so a retry is answered from the ledger instead of repeated.
    """

    class Kind(models.TextChoices):
        RECEIVE = "receive", "Received"
        BATCH_OUTPUT = "batch_output", "Batch output"
        USE = "use", "Used in production"
        SALE = "sale", "Sold"
        RESTORE = "restore", "Returned to its lot"
        RECOUNT = "recount", "Recount"
        SPOIL = "spoil", "Spoiled"
        TRASH = "trash", "Thrown away"
        DAMAGED = "damaged", "Damaged"
        EXPIRED = "expired", "Expired stock disposed of"
        TESTER = "tester", "Tester"
        GIFT = "gift", "Gift"
        SAMPLE = "sample", "Sample"
        RETURNED = "returned", "Returned to stock"
        REVALUE = "revalue", "Revalued"

    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="movements")
    lot = models.ForeignKey(
        "inventory.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="movements"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quantity = quantity_field()
    unit_cost = unit_cost_field()
    value = value_field(default=None)  # no default: every writer states the value it moved
    affects_stock = models.BooleanField(default=True)
    reference_type = models.CharField(max_length=40, blank=True)
    reference_id = models.BigIntegerField(null=True, blank=True)
    # A public-schema user id (users do not live in workspace schemas).
    actor_id = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    operation_id = models.UUIDField(default=uuid.uuid4)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quantity=0) | Q(kind="revalue"),
                name="inventory_movement_quantity_ne_0",
            ),
            models.CheckConstraint(
                condition=Q(unit_cost__gte=0), name="inventory_movement_cost_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(affects_stock=True) | Q(lot__isnull=True),
                name="inventory_movement_untracked_has_no_lot",
            ),
        ]
        indexes = [
            models.Index(fields=["item", "-id"], name="inventory_movement_item_recent"),
            models.Index(fields=["operation_id"], name="inventory_movement_operation"),
            models.Index(
                fields=["reference_type", "reference_id"],
                condition=~Q(reference_type=""),
                name="inventory_movement_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity} of item {self.item_id}"


# Movement kinds grouped by the service that writes them.
CONSUMPTION_KINDS = frozenset({Movement.Kind.USE, Movement.Kind.SALE})
DISPOSAL_KINDS = frozenset(
    {Movement.Kind.SPOIL, Movement.Kind.TRASH, Movement.Kind.DAMAGED, Movement.Kind.EXPIRED}
)
GIVEAWAY_KINDS = frozenset({Movement.Kind.TESTER, Movement.Kind.GIFT, Movement.Kind.SAMPLE})
ADJUSTMENT_KINDS = frozenset(
    {Movement.Kind.RECOUNT, Movement.Kind.RETURNED} | DISPOSAL_KINDS | GIVEAWAY_KINDS
)

# Ledger references under which stock was sold to a customer: a SKU page's sale from before orders
# existed, and an order line. A RESTORE under one of them is a customer's return (cost of goods sold
# goes down); every report that splits sales from other outflows asks this set.
SALE_REFERENCES = frozenset({"sku_deduction", "order_line"})
