"""Suppliers, purchase receipts (one lot per line, landed cost included) and documents.

Only `purchasing.services` writes these rows. Money on a receipt is in cents, exactly as the invoice
says it; each line's lot carries the line's landed cost per stock unit (see purchasing/landed_cost.py).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from inventory.models.fields import quantity_field
from purchasing.storage import document_path, documents_storage


def cents_field(**kwargs) -> models.DecimalField:
    """An amount of money as an invoice states it: dollars and cents."""
    return models.DecimalField(max_digits=16, decimal_places=2, **kwargs)


class Supplier(models.Model):
    """Someone a maker buys from. Never deleted once used: archived instead, so old receipts and lots
    keep naming it."""

    name = models.CharField(max_length=120)
    contact_name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    # How many days an order usually takes to arrive.
    lead_time_days = models.PositiveSmallIntegerField(null=True, blank=True)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(is_archived=False),
                name="purchasing_supplier_unique_active_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.TextChoices):
    VALUE = "value", "By value (what each line cost)"
    WEIGHT = "weight", "By weight"


class PurchaseReceipt(models.Model):
    """One supplier delivery: its lines became lots through inventory's receive, in one transaction.
    Shipping, tax and fees were shared among the lines (`allocation`) into each lot's cost."""

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="receipts")
    reference = models.CharField(max_length=80, blank=True)  # the supplier's invoice/order number
    received_at = models.DateTimeField()
    allocation = models.CharField(max_length=10, choices=Allocation.choices)
    goods_total = cents_field()
    shipping = cents_field()
    tax = cents_field()
    fees = cents_field()
    total = cents_field()
    note = models.TextField(blank=True)
    recorded_by_id = models.BigIntegerField(null=True, blank=True)
    # A form's one-time key: the same submission twice records one receipt.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(goods_total__gte=0, shipping__gte=0, tax__gte=0, fees__gte=0),
                name="purchasing_receipt_amounts_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(total=F("goods_total") + F("shipping") + F("tax") + F("fees")),
                name="purchasing_receipt_total_adds_up",
            ),
        ]
        indexes = [models.Index(fields=["supplier", "received_at"], name="purchasing_receipt_sup")]

    def __str__(self) -> str:
        return f"Receipt {self.pk} from {self.supplier_id}"

    @property
    def extras(self):
        return self.shipping + self.tax + self.fees


class ReceiptLine(models.Model):
    """One line of a receipt and the lot it became. `cost` is what the line cost, `extra_cost` its
    share of shipping, tax and fees, `landed_cost` their sum: the lot's value."""

    receipt = models.ForeignKey(PurchaseReceipt, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()  # "line 1" is the first
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    lot = models.OneToOneField(
        "inventory.Lot", on_delete=models.PROTECT, related_name="receipt_line"
    )
    quantity = quantity_field()  # as entered
    unit = models.CharField(max_length=40)  # as entered
    cost = cents_field()
    extra_cost = cents_field()
    landed_cost = cents_field()

    class Meta:
        ordering = ["receipt_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt", "position"], name="purchasing_line_position"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0, cost__gte=0, extra_cost__gte=0)
                & Q(landed_cost=F("cost") + F("extra_cost")),
                name="purchasing_line_amounts",
            ),
        ]

    def __str__(self) -> str:
        return f"Line {self.position} of receipt {self.receipt_id}"


class Document(models.Model):
    """A file kept with a supplier, an item or a lot (exactly one of them)."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", "Invoice"
        SDS = "sds", "Safety data sheet (SDS)"
        IFRA = "ifra", "IFRA certificate"
        COA = "coa", "Certificate of analysis"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=120)
    file = models.FileField(storage=documents_storage, upload_to=document_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    item = models.ForeignKey(
        "inventory.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lot = models.ForeignKey(
        "inventory.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by_id = models.BigIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(supplier__isnull=False, item__isnull=True, lot__isnull=True)
                | Q(supplier__isnull=True, item__isnull=False, lot__isnull=True)
                | Q(supplier__isnull=True, item__isnull=True, lot__isnull=False),
                name="purchasing_document_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.title
