"""The global ingredient library: curated materials every workspace can copy into its own inventory.

Rows live in the public schema and are edited only by platform staff (Django admin on the public host).
Workspaces read them through `library.selectors` (a tenant's search_path is `tenant, public`) and copy the
identity fields into their own inventory Item, which keeps `library_item_id` as a plain reference.

Library items are never deleted, only deactivated: workspace items in every tenant schema may point at
them, and a deletion here cannot see (let alone fix) those references.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from library.storage import cover_storage


class LibraryItem(models.Model):
    class Kind(models.TextChoices):
        # The same values as the inventory Item's kinds; the library holds only purchasable materials
        # (no products or intermediates, which a workspace makes itself).
        INGREDIENT = "ingredient", "Ingredient"
        PACKAGING = "packaging", "Packaging"
        CONTAINER = "container", "Container"
        CONSUMABLE = "consumable", "Consumable"

    class Category(models.TextChoices):
        # Ingredients
        OIL = "oil", "Oil"
        BUTTER = "butter", "Butter"
        LYE = "lye", "Lye"
        WAX = "wax", "Wax"
        FRAGRANCE_OIL = "fragrance_oil", "Fragrance oil"
        ESSENTIAL_OIL = "essential_oil", "Essential oil"
        ADDITIVE = "additive", "Additive"
        CLAY = "clay", "Clay"
        COLORANT = "colorant", "Colorant"
        EMULSIFIER = "emulsifier", "Emulsifier"
        PRESERVATIVE = "preservative", "Preservative"
        WATER = "water", "Water"
        # Containers
        JAR = "jar", "Jar"
        TIN = "tin", "Tin"
        BOTTLE = "bottle", "Bottle"
        VESSEL = "vessel", "Candle vessel"
        TUBE = "tube", "Tube"
        # Packaging
        BOX = "box", "Box"
        BAG = "bag", "Bag"
        LABEL = "label", "Label"
        SEAL = "seal", "Seal or band"
        # Consumables
        WICK = "wick", "Wick"
        SUPPLY = "supply", "Workshop supply"

    class Unit(models.TextChoices):
        # Unit names as the inventory's unit registry spells them.
        G = "g", "grams (g)"
        KG = "kg", "kilograms (kg)"
        ML = "ml", "millilitres (ml)"
        L = "l", "litres (l)"
        OZ = "oz", "ounces (oz)"
        LB = "lb", "pounds (lb)"
        EACH = "each", "each"

    name = models.CharField(
        max_length=120, help_text="Unique, ignoring case: “Olive oil” and “olive oil” are the same."
    )
    inci_name = models.CharField(
        "INCI name",
        max_length=255,
        blank=True,
        help_text="International Nomenclature of Cosmetic Ingredients, e.g. “Olea Europaea Fruit Oil”. "
        "Blank for packaging and anything without one.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.CharField(max_length=30, choices=Category.choices)
    default_unit = models.CharField(max_length=8, choices=Unit.choices, default=Unit.G)
    density_g_per_ml = models.DecimalField(
        "density (g/ml)",
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Typical density at room temperature. Leave blank for solids weighed by mass: without "
        "a density, volume and mass are never converted into each other.",
    )
    shelf_life_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Typical shelf life from receipt, stored as recommended. Blank: no meaningful limit.",
    )
    allergens = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        help_text="Comma-separated. Fragrance allergens by their INCI name (EU list, e.g. Linalool, "
        "Limonene); food allergens named plainly (e.g. Tree nuts (almond)).",
    )
    # Soap making (oils and butters): grams of lye that saponify one gram of the oil, and the
    # fatty-acid profile the free soap calculator turns into its quality numbers (tools/soap.py).
    sap_naoh = models.DecimalField(
        "SAP value (NaOH)",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Grams of sodium hydroxide that saponify 1 g of this oil, e.g. 0.135 for olive oil.",
    )
    sap_koh = models.DecimalField(
        "SAP value (KOH)",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Grams of potassium hydroxide that saponify 1 g of this oil, e.g. 0.190 for olive oil.",
    )
    fatty_acids = models.JSONField(
        default=dict,
        blank=True,
        help_text='Percent of each fatty acid, e.g. {"oleic": 72, "palmitic": 11}. Keys: lauric, '
        "myristic, palmitic, stearic, ricinoleic, oleic, linoleic, linolenic.",
    )
    iodine_value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Iodine value: higher means a softer, less stable oil."
    )
    ins_value = models.PositiveSmallIntegerField(
        "INS value", null=True, blank=True, help_text="INS value as published with the SAP value."
    )
    # How much of each EU fragrance allergen (library.allergens) it typically holds, in % by weight:
    # {"Linalool": "30"}. Typical values; a supplier's allergen declaration for its lot is better.
    allergen_content = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Inactive items are hidden from workspaces; items already copied are unaffected.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Copied into a workspace Item by "add from library"; locked there while the item stays linked.
    IDENTITY_FIELDS = (
        "name",
        "inci_name",
        "kind",
        "default_unit",
        "density_g_per_ml",
        "shelf_life_days",
        "allergens",
    )

    class Meta:
        verbose_name = "library item"
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="library_item_name_ci_unique",
                violation_error_message="A library item with this name already exists.",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="library_item_name_not_blank",
                violation_error_message="Give the item a name.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["ingredient", "packaging", "container", "consumable"]),
                name="library_item_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(default_unit__in=["g", "kg", "ml", "l", "oz", "lb", "each"]),
                name="library_item_default_unit_valid",
            ),
            models.CheckConstraint(
                condition=Q(density_g_per_ml__isnull=True) | Q(density_g_per_ml__gt=0),
                name="library_item_density_positive",
                violation_error_message="Density must be greater than 0 g/ml (or left blank).",
            ),
            models.CheckConstraint(
                condition=(Q(sap_naoh__isnull=True) | Q(sap_naoh__gt=0, sap_naoh__lt=1))
                & (Q(sap_koh__isnull=True) | Q(sap_koh__gt=0, sap_koh__lt=1)),
                name="library_item_sap_between_0_and_1",
                violation_error_message="A SAP value is grams of lye per gram of oil: between 0 and 1.",
            ),
            models.CheckConstraint(
                condition=Q(shelf_life_days__isnull=True) | Q(shelf_life_days__gt=0),
                name="library_item_shelf_life_positive",
                violation_error_message="Shelf life must be at least 1 day (or left blank).",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalize()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.normalize()

    def normalize(self) -> None:
        """Trim text and drop blank or repeated allergens (ignoring case, keeping the first spelling)."""
        self.name = (self.name or "").strip()
        self.inci_name = (self.inci_name or "").strip()
        seen: set[str] = set()
        allergens = []
        for allergen in self.allergens or []:
            allergen = allergen.strip()
            if allergen and allergen.casefold() not in seen:
                seen.add(allergen.casefold())
                allergens.append(allergen)
        self.allergens = allergens

    def identity(self) -> dict:
        """The fields "add from library" copies into a workspace Item, keyed by this model's names."""
        return {
            field: list(self.allergens) if field == "allergens" else getattr(self, field)
            for field in self.IDENTITY_FIELDS
        }


class SharedRecipe(models.Model):
    """A recipe version a workspace owner published to the public recipe library (free).

    A frozen copy, in the public schema: the lines name their items by name, unit and kind, with
    the ingredient library entry they were linked to, so another workspace can map them onto its
    own items when it imports the recipe. Written only by library.services; platform staff can
    unlist one (audited), which hides it from the library and stops imports.
    """

    organization = models.ForeignKey(
        "tenants.Organization", on_delete=models.PROTECT, related_name="shared_recipes"
    )
    source_recipe_id = models.BigIntegerField()
    source_version = models.PositiveIntegerField()
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=20)
    description = models.TextField()
    cover = models.FileField(upload_to="covers/", storage=cover_storage, blank=True)
    yield_quantity = models.DecimalField(max_digits=20, decimal_places=6)
    yield_unit = models.CharField(max_length=40)
    portion_name = models.CharField(max_length=40, blank=True)
    instructions = models.TextField(blank=True)
    category_data = models.JSONField(default=dict, blank=True)
    # [{"name", "quantity", "unit", "kind", "stock_unit", "library_item_id", "note"}], in order.
    lines = models.JSONField(default=list)
    is_listed = models.BooleanField(default=True)
    unlisted_at = models.DateTimeField(null=True, blank=True)
    unlist_reason = models.TextField(blank=True)
    import_count = models.PositiveIntegerField(default=0)
    published_by_id = models.BigIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "shared recipe"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "source_recipe_id", "source_version"],
                name="library_shared_recipe_once_per_version",
            ),
            models.CheckConstraint(
                condition=Q(is_listed=True, unlisted_at__isnull=True)
                | Q(is_listed=False, unlisted_at__isnull=False),
                name="library_shared_recipe_unlisted_at",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-published_at"], condition=Q(is_listed=True), name="library_shared_listed"
            )
        ]

    def __str__(self) -> str:
        return self.name
