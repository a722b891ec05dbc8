"""Recipes: a recipe (or a variation of one) and its numbered versions, each with its lines.

A published version is immutable (the services never change one, and migration 0002 makes the
database refuse it too); editing a recipe writes a draft, publishing the draft makes it the recipe's
current version, and earlier versions stay readable. A variation is a Recipe whose `base` is another
recipe; it has versions of its own. Only `recipes.services` writes these models.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, Upper
from django.utils import timezone

from inventory.models.fields import quantity_field


class Category(models.TextChoices):
    SOAP = "soap", "Soap"
    CANDLE = "candle", "Candle"
    COSMETIC = "cosmetic", "Cosmetic"
    FOOD = "food", "Food"
    OTHER = "other", "Other"


class Recipe(models.Model):
    """A recipe's identity: name, category, batch-code prefix and which version is current."""

    name = models.CharField(max_length=100)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    # Batch codes are "<prefix>-<year>-<sequence>".
    prefix = models.CharField(max_length=10)
    base = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="variations"
    )
    variation_name = models.CharField(max_length=60, blank=True)
    current_version = models.OneToOneField(
        "recipes.RecipeVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_of",
    )
    # Where a finished batch goes by default: a product SKU's item or an intermediate (soap base).
    output_item = models.ForeignKey(
        "inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Containers its batches may be filled into (none chosen: any container in stock) and how full
    # each is filled, in % (blank: the candle's vessel fill, else 100).
    allowed_containers = models.ManyToManyField("inventory.Item", blank=True, related_name="+")
    fill_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Where an imported recipe came from: the public library's SharedRecipe id (a plain integer: it
    # crosses schemas) and a line for people ("Lavender soap v3 by Acme Soap Works").
    origin_shared_recipe_id = models.BigIntegerField(null=True, blank=True)
    origin = models.CharField(max_length=200, blank=True)
    is_archived = models.BooleanField(default=False)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(is_archived=False), name="recipes_recipe_unique_name"
            ),
            models.UniqueConstraint(Upper("prefix"), name="recipes_recipe_unique_prefix"),
            models.CheckConstraint(
                condition=~Q(base=F("id")), name="recipes_recipe_not_own_variation"
            ),
            models.CheckConstraint(
                condition=Q(fill_pct__isnull=True) | Q(fill_pct__gt=0, fill_pct__lte=100),
                name="recipes_recipe_fill_pct_range",
            ),
            models.CheckConstraint(
                condition=Q(base__isnull=True, variation_name="")
                | Q(base__isnull=False) & ~Q(variation_name=""),
                name="recipes_recipe_variation_named",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_variation(self) -> bool:
        return self.base_id is not None


class RecipeVersion(models.Model):
    """One version of a recipe. Drafts change; published versions never do."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    recipe = models.ForeignKey(Recipe, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # What one batch at scale 1 makes: 1.2 kg, or 10 (each) bars. A draft may leave both blank (None
    # and ""); a published version always has them.
    yield_quantity = quantity_field(null=True, blank=True)
    yield_unit = models.CharField(max_length=40, blank=True)
    # "bar", "candle": how one counted portion is called, when the yield is a count.
    portion_name = models.CharField(max_length=40, blank=True)
    instructions = models.TextField(blank=True)
    tags = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    # Category fields (soap superfat %, candle fragrance load %...): recipes.categories declares them.
    category_data = models.JSONField(default=dict, blank=True)
    # Expiry of a finished batch's lots (else the output item's shelf life) and the default cure time.
    shelf_life_days = models.PositiveIntegerField(null=True, blank=True)
    cure_days = models.PositiveIntegerField(null=True, blank=True)
    change_note = models.CharField(max_length=200, blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recipe_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["recipe", "number"], name="recipes_version_number"),
            models.UniqueConstraint(
                fields=["recipe"], condition=Q(status="draft"), name="recipes_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(yield_quantity__isnull=True) | Q(yield_quantity__gt=0),
                name="recipes_version_yield_gt_0",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(yield_quantity__isnull=False) & ~Q(yield_unit=""),
                name="recipes_version_published_has_yield",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="recipes_version_number_gte_1"),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="recipes_version_published_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipe.name} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def label(self) -> str:
        return f"v{self.number}" + ("" if self.is_published else " (draft)")


class RecipeLine(models.Model):
    """An ingredient, packaging or container line: `quantity` `unit` of `item` at scale 1."""

    version = models.ForeignKey(RecipeVersion, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    item = models.ForeignKey("inventory.Item", on_delete=models.PROTECT, related_name="+")
    quantity = quantity_field()
    # A standard unit code or one of the workspace's custom units, convertible to the item's unit.
    unit = models.CharField(max_length=40)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="recipes_line_position"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="recipes_line_quantity_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity.normalize():f} {self.unit} of item {self.item_id}"
