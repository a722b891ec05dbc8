"""Products and what is sold: a product has variants (scents) and sizes (containers); each sellable
combination is a SKU with a unique code and a price, backed by an inventory item of kind product, so
its lots, FIFO, ledger and reservations are inventory's own. Deductions record why stock left (sold,
gift, tester, damaged) or came back (returned). Only `products.services` writes these models.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Upper
from django.utils import timezone

from batchtrack.fields import exact_money_field as money_field
from inventory.models.fields import quantity_field

DEFAULT_SKU_PATTERN = "{product}-{variant}-{size}"


class Product(models.Model):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=12)  # the {product} part of generated SKU codes
    category = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    # Tokens: {product} {variant} {size}; empty parts and their separators are dropped.
    sku_pattern = models.CharField(max_length=60, default=DEFAULT_SKU_PATTERN)
    recipe = models.ForeignKey(
        "recipes.Recipe", on_delete=models.SET_NULL, null=True, blank=True, related_name="products"
    )
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(is_archived=False), name="products_product_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_simple(self) -> bool:
        """One kind in one size (no variants or sizes yet): its pages leave codes, patterns and
        options out until the maker asks for a second scent or size. Prefetch variants and sizes."""
        return not self.variants.all() and not self.sizes.all()


class Variant(models.Model):
    """A variation of a product a customer chooses, such as a scent or a colour."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(max_length=60)
    code = models.CharField(max_length=12)

    class Meta:
        ordering = ["product_id", "name"]
        constraints = [
            models.UniqueConstraint("product", Lower("name"), name="products_variant_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Size(models.Model):
    """A size or container of a product ("4 oz tin"), optionally with its container item."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="sizes")
    name = models.CharField(max_length=60)
    code = models.CharField(max_length=12)
    container = models.ForeignKey(
        "inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["product_id", "name"]
        constraints = [
            models.UniqueConstraint("product", Lower("name"), name="products_size_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Sku(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="skus")
    variant = models.ForeignKey(
        Variant, on_delete=models.PROTECT, null=True, blank=True, related_name="skus"
    )
    size = models.ForeignKey(
        Size, on_delete=models.PROTECT, null=True, blank=True, related_name="skus"
    )
    code = models.CharField(max_length=40)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    item = models.OneToOneField("inventory.Item", on_delete=models.PROTECT, related_name="sku")
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(Upper("code"), name="products_sku_unique_code"),
            models.UniqueConstraint(
                fields=["product", "variant", "size"],
                nulls_distinct=False,
                name="products_sku_unique_combination",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="products_sku_price_gte_0"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def margin(self) -> Decimal | None:
        """Price minus what the next unit costs under FIFO; needs `products.selectors.sku_list`'s
        `fifo_unit_cost` annotation (None without usable stock)."""
        cost = getattr(self, "fifo_unit_cost", None)
        return None if cost is None else self.price - cost

    @property
    def label(self) -> str:
        parts = [
            self.product.name,
            self.variant.name if self.variant else "",
            self.size.name if self.size else "",
        ]
        return " · ".join(p for p in parts if p)


class Deduction(models.Model):
    """Why a SKU's stock changed outside production: sold, given, used as a tester, damaged, or
    returned by a customer. The stock change itself is inventory's ledger movement(s), written under the
    reference ("sku_deduction", id)."""

    class Kind(models.TextChoices):
        SOLD = "sold", "Sold"
        GIFT = "gift", "Gift"
        TESTER = "tester", "Tester"
        DAMAGED = "damaged", "Damaged"
        RETURNED = "returned", "Returned"

    sku = models.ForeignKey(Sku, on_delete=models.PROTECT, related_name="deductions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    quantity = quantity_field()  # positive, the SKU item's stock unit
    unit_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    cost = money_field()  # FIFO cost of the stock that left (or came back), exact
    # A return names the sale it reverses.
    sale = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="returns"
    )
    note = models.CharField(max_length=200, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="products_deduction_qty_gt_0"),
            models.CheckConstraint(
                condition=Q(kind="sold", unit_price__isnull=False)
                | ~Q(kind="sold") & Q(unit_price__isnull=True),
                name="products_deduction_price_for_sales",
            ),
            models.CheckConstraint(
                condition=Q(kind="returned", sale__isnull=False)
                | ~Q(kind="returned") & Q(sale__isnull=True),
                name="products_deduction_return_names_sale",
            ),
        ]
        indexes = [models.Index(fields=["sku", "-created_at"], name="products_deduction_sku")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity.normalize():f} of {self.sku_id}"

    @property
    def revenue(self) -> Decimal:
        return (self.unit_price or Decimal("0")) * self.quantity
