"""Where a recipe's finished batches go by default, set on its own (a product made for the recipe)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from recipes.errors import RecipeArchived
from recipes.models import Recipe
from recipes.services.authoring import _output_item


def set_default_output(*, recipe_id: int, item_id: int) -> Recipe:
    """Make `item_id` where the recipe's finished batches go by default, in the caller's transaction
    if there is one. Locks the recipe. Raises Recipe.DoesNotExist, RecipeArchived, InvalidRecipe (an
    item that isn't an active item of the workspace)."""
    output = _output_item(item_id)
    with transaction.atomic():
        locked = Recipe.objects.select_for_update().get(pk=recipe_id)
        if locked.is_archived:
            raise RecipeArchived(f"{locked.name} is archived; restore it before editing.")
        locked.output_item = output
        locked.updated_at = timezone.now()
        locked.save(update_fields=["output_item", "updated_at"])
    return locked
