"""Recipes' services: the only code that writes recipes, versions and lines."""

from recipes.services.authoring import (
    archive_recipe,
    content_of,
    create_recipe,
    create_variation,
    discard_draft,
    publish_version,
    restore_recipe,
    save_draft,
    update_recipe,
)
from recipes.services.containers import ContainerChoice
from recipes.services.copies import duplicate_recipe
from recipes.services.costing import CostEstimate, CostLine, estimate_cost, estimate_lines
from recipes.services.imports import import_shared_recipe, normalise_name
from recipes.services.lines import LineInput, VersionContent
from recipes.services.outputs import set_default_output
from recipes.services.scaling import ScaledRecipe, scale_factor, scale_version

__all__ = [
    "ContainerChoice",
    "CostEstimate",
    "CostLine",
    "LineInput",
    "ScaledRecipe",
    "VersionContent",
    "archive_recipe",
    "content_of",
    "create_recipe",
    "create_variation",
    "discard_draft",
    "duplicate_recipe",
    "estimate_cost",
    "estimate_lines",
    "import_shared_recipe",
    "normalise_name",
    "publish_version",
    "restore_recipe",
    "save_draft",
    "scale_factor",
    "set_default_output",
    "scale_version",
    "update_recipe",
]
