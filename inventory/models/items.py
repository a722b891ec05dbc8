from __future__ import annotations

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from inventory.models.fields import quantity_field, unit_cost_field, value_field
from inventory.units import UNIT_CHOICES


class Item(models.Model):
    """Something a maker stocks: an ingredient, packaging, a container, a consumable or a product.

    `on_hand` and `reserved` are balances kept by the services in the same transaction as the lots and
    the ledger; for a tracked item on_hand == sum(lot.quantity_remaining) == sum(movement.quantity over
    stock-affecting movements). An untracked item (tap water) keeps no stock: on_hand stays 0 and its usage
    is recorded as movements with affects_stock=False.
    """

    class Kind(models.TextChoices):
        INGREDIENT = "ingredient", "Ingredient"
        PACKAGING = "packaging", "Packaging"
        CONTAINER = "container", "Container"
        CONSUMABLE = "consumable", "Consumable"
        PRODUCT = "product", "Product"
        INTERMEDIATE = "intermediate", "Made ingredient"

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INGREDIENT)
    category = models.CharField(max_length=60, blank=True)
    stock_unit = models.CharField(max_length=10, choices=UNIT_CHOICES)
    density_g_per_ml = quantity_field(null=True, blank=True)
    shelf_life_days = models.PositiveIntegerField(null=True, blank=True)
    low_stock_threshold = quantity_field(default=Decimal("0"))
    is_tracked = models.BooleanField(default=True)
    # Cost per stock unit charged when an untracked item is used (it has no lots to take a cost from).
    untracked_unit_cost = unit_cost_field()
    on_hand = quantity_field(default=Decimal("0"))
    reserved = quantity_field(default=Decimal("0"))
    # Value of the stock on hand, exact: the sum of the stock-affecting ledger values. Under average
    # costing it is the pool every draw takes its share of (a perpetual moving average: average =
    # stock_value / on_hand); under FIFO it equals the sum of the open lots' remaining x unit cost.
    stock_value = value_field()
    # Id of a public-schema library.LibraryItem; a plain integer because it crosses schemas.
    library_item_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    # Copied from the library entry when added from or linked to it; the item's own from then on.
    inci_name = models.CharField("INCI name", max_length=255, blank=True)
    allergens = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    # The maker's own labels ("summer", "wholesale"), cleaned by batchtrack.tags like recipes' tags.
    tags = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    notes = models.TextField(blank=True)
    # Who it is usually bought from, and in what unit (e.g. kg, or a custom "jug"): the reorder list
    # suggests amounts in it. Changed through inventory's item services like every other field.
    usual_supplier = models.ForeignKey(
        "purchasing.Supplier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="usual_items",
    )
    purchase_unit = models.CharField(max_length=40, blank=True)
    # What one of it is called when stock is counted ("bar"): "10 bars", not "10 each"
    # (batchtrack.glossary.unit_words). Blank: "pieces".
    count_noun = models.CharField(max_length=40, blank=True)
    # A container's description (kind "container"): what one holds and what it looks like. The name
    # of a container is generated from these (inventory.containers.container_name).
    capacity = quantity_field(null=True, blank=True)
    capacity_unit = models.CharField(max_length=10, blank=True)
    container_material = models.CharField(max_length=40, blank=True)
    container_type = models.CharField(max_length=40, blank=True)
    container_style = models.CharField(max_length=40, blank=True)
    container_colour = models.CharField(max_length=40, blank=True)
    # Label facts (inventory.services.set_label_facts), with `inci_name` above (blank: the library's):
    # EU allergen content in % by weight ({"Linalool": "30"}; empty: the library's) and, for a
    # fragrance, the maximum % of a product per recipe category from its IFRA certificate.
    allergen_content = models.JSONField(default=dict, blank=True)
    ifra_limits = models.JSONField(default=dict, blank=True)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        # The list's tag filter (`tags @> ARRAY[...]`). The search's trigram indexes live in
        # workspace's migrations, beside the search that uses them.
        indexes = [GinIndex(fields=["tags"], name="inventory_item_tags")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(is_archived=False),
                name="inventory_item_unique_active_name",
            ),
            models.CheckConstraint(
                condition=Q(on_hand__gte=0), name="inventory_item_on_hand_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(reserved__gte=0) & Q(reserved__lte=models.F("on_hand")),
                name="inventory_item_reserved_within_on_hand",
            ),
            models.CheckConstraint(
                condition=Q(stock_value__gte=0) & (Q(on_hand__gt=0) | Q(stock_value=0)),
                name="inventory_item_stock_value_within_stock",
            ),
            models.CheckConstraint(
                condition=Q(is_tracked=True) | Q(on_hand=0, reserved=0),
                name="inventory_item_untracked_holds_no_stock",
            ),
            models.CheckConstraint(
                condition=Q(density_g_per_ml__isnull=True) | Q(density_g_per_ml__gt=0),
                name="inventory_item_density_gt_0",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True, capacity_unit="")
                | Q(capacity__gt=0) & ~Q(capacity_unit=""),
                name="inventory_item_capacity_with_unit",
            ),
            models.CheckConstraint(
                condition=Q(low_stock_threshold__gte=0) & Q(untracked_unit_cost__gte=0),
                name="inventory_item_threshold_and_cost_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_linked(self) -> bool:
        return self.library_item_id is not None

    @property
    def free(self) -> Decimal:
        """On hand minus reserved (expired and curing stock included)."""
        return self.on_hand - self.reserved

    @property
    def average_cost(self) -> Decimal | None:
        """Cost of one stock unit of what is on hand (exact); None without stock."""
        from inventory import units

        if self.on_hand <= 0:
            return None
        with units.arithmetic():
            return self.stock_value / self.on_hand
