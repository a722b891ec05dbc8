"""Reads for recipes: querysets with their joins applied, in the current workspace's schema."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from batchtrack.tags import tags_in_use
from inventory import units
from inventory.selectors import custom_units
from inventory.units import CustomUnitDef
from recipes.models import Recipe, RecipeLine, RecipeVersion


def custom_unit_defs(*names: str | None) -> list[CustomUnitDef]:
    """The workspace's custom units, as the unit functions take them. Given unit names, the read is
    skipped when all of them are standard units (nothing custom to convert)."""
    if names and all(name is None or units.is_standard_unit(name) for name in names):
        return []
    return [unit.as_definition() for unit in custom_units()]


def recipe_list(
    *, include_archived: bool = False, search: str = "", tag: str = ""
) -> QuerySet[Recipe]:
    """Recipes by name. `tag` (batchtrack.tags' form) keeps those whose current version has it, or,
    for a recipe with only a draft, whose draft has it."""
    qs = Recipe.objects.select_related("current_version", "base")
    if not include_archived:
        qs = qs.filter(is_archived=False)
    if search:
        qs = qs.filter(name__icontains=search.strip())
    if tag:
        draft_tagged = RecipeVersion.objects.filter(
            recipe=OuterRef("pk"), status=RecipeVersion.Status.DRAFT, tags__contains=[tag]
        )
        qs = qs.filter(
            Q(current_version__tags__contains=[tag])
            | Q(current_version__isnull=True) & Exists(draft_tagged)
        )
    return qs.order_by("name", "id")


def recipe_tags() -> list[str]:
    """Every tag on an active recipe's current version or draft, alphabetically (the list's filter)."""
    return tags_in_use(
        RecipeVersion.objects.filter(recipe__is_archived=False).filter(
            Q(current_of__isnull=False)
            | Q(status=RecipeVersion.Status.DRAFT, recipe__current_version__isnull=True)
        )
    )


def recipe_detail(pk: int) -> Recipe:
    """One recipe with its versions (newest first) and variations; raises Recipe.DoesNotExist."""
    return (
        Recipe.objects.select_related("current_version", "base", "output_item")
        .prefetch_related(
            Prefetch("versions", queryset=RecipeVersion.objects.order_by("-number")),
            Prefetch("variations", queryset=Recipe.objects.order_by("name")),
        )
        .get(pk=pk)
    )


def plain_recipe(pk: int) -> Recipe:
    """The recipe row alone; raises Recipe.DoesNotExist."""
    return Recipe.objects.get(pk=pk)


def recipe_to_make(pk: int) -> Recipe:
    """A recipe with its current version, for choosing what to make; raises Recipe.DoesNotExist."""
    return Recipe.objects.select_related("current_version").get(pk=pk)


def version_of(pk: int, *, recipe_id: int | None = None) -> RecipeVersion:
    """A version with its recipe (no lines); raises RecipeVersion.DoesNotExist."""
    qs = RecipeVersion.objects.select_related("recipe")
    if recipe_id is not None:
        qs = qs.filter(recipe_id=recipe_id)
    return qs.get(pk=pk)


def version_with_lines(pk: int, *, recipe_id: int | None = None) -> RecipeVersion:
    """A version with its recipe and lines (items joined); raises RecipeVersion.DoesNotExist."""
    qs = RecipeVersion.objects.select_related("recipe").prefetch_related(
        Prefetch("lines", queryset=RecipeLine.objects.select_related("item").order_by("position"))
    )
    if recipe_id is not None:
        qs = qs.filter(recipe_id=recipe_id)
    return qs.get(pk=pk)


def with_lines(version: RecipeVersion, *, recipe: Recipe) -> RecipeVersion:
    """`version` (already read, of `recipe`) with its lines and their items, in one query."""
    version.recipe = recipe
    prefetch_related_objects(
        [version],
        Prefetch("lines", queryset=RecipeLine.objects.select_related("item").order_by("position")),
    )
    return version


def draft_of(recipe: Recipe) -> RecipeVersion | None:
    return recipe.versions.filter(status=RecipeVersion.Status.DRAFT).first()


def editable_version(recipe: Recipe) -> RecipeVersion | None:
    """What the edit form starts from: the draft if there is one, else the current version, else the
    newest version."""
    return draft_of(recipe) or recipe.current_version or recipe.versions.order_by("-number").first()
