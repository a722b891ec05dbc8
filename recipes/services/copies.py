"""Duplicating a recipe: an independent copy (not a variation) with a draft version 1 copied from
the original's current version, its settings and its containers."""

from __future__ import annotations

from django.db import transaction

from recipes.errors import InvalidRecipe
from recipes.models import Recipe
from recipes.services.authoring import content_of, create_recipe
from recipes.services.containers import apply_container_choice


def copy_name(name: str) -> str:
    """ "Lotion (copy)", or "Lotion (copy 2)"... the first that no active recipe uses."""
    taken = {
        n.casefold()
        for n in Recipe.objects.filter(is_archived=False).values_list("name", flat=True)
    }
    base = name[:90]
    for number in range(1, 1000):
        candidate = f"{base} (copy)" if number == 1 else f"{base} (copy {number})"
        if candidate.casefold() not in taken:
            return candidate
    raise InvalidRecipe("Give the copy a name yourself; the generated ones are all taken.")


def duplicate_recipe(*, recipe: Recipe, name: str = "", actor_id: int | None = None) -> Recipe:
    """Copy `recipe` into a new, independent recipe whose version 1 is a draft of the original's
    current version (else its latest). Counts toward the recipe limit; gets a batch-code prefix of
    its own. Raises InvalidRecipe (nothing to copy yet), DuplicateRecipeName, LimitReached."""
    source = recipe.current_version or recipe.versions.order_by("-number").first()
    if source is None:
        raise InvalidRecipe(f"{recipe.name} has no version to copy yet.")
    with transaction.atomic():
        copy = create_recipe(
            name=name.strip() or copy_name(recipe.name),
            category=recipe.category,
            content=content_of(source),
            output_item_id=recipe.output_item_id
            if recipe.output_item and not recipe.output_item.is_archived
            else None,
            actor_id=actor_id,
        )
        apply_container_choice(
            copy, list(recipe.allowed_containers.filter(is_archived=False)), recipe.fill_pct
        )
    return copy
