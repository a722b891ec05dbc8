"""Importing a recipe from the public recipe library into this workspace, all or nothing.

Each line is mapped onto this workspace's items: first the item linked to the same ingredient
library entry, then an item whose name matches once normalised (`normalise_name`: case,
punctuation and plurals ignored), else a new item (copied from the ingredient library when the
line was linked to it, else made from the line's name, kind and unit). The copy is a private
draft that records where it came from.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import F

from batchtrack.tenancy import active_tenant
from inventory.models import Item
from inventory.services import create_item
from library.errors import NotImportable
from library.models import LibraryItem, SharedRecipe
from recipes.models import Recipe
from recipes.services.authoring import create_recipe
from recipes.services.lines import LineInput, VersionContent


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalise_name(name: str) -> str:
    """ "Olive Oils" and "olive-oil" -> "olive oil"; "Shea butter (raw)" -> "shea butter raw"."""
    words = re.findall(r"[a-z0-9]+", (name or "").casefold())
    return " ".join(_singular(word) for word in words)


def import_shared_recipe(*, shared: SharedRecipe | int, actor_id: int | None = None) -> Recipe:
    """Copy a listed shared recipe into this workspace as a private draft (see the module
    docstring). One transaction: a refused import (unlisted, a line whose unit doesn't fit the
    matched item, the item or recipe limit) creates no item and no recipe.

    Raises NotImportable, InvalidLine, LimitReached and inventory's item errors.
    """
    pk = shared.pk if isinstance(shared, SharedRecipe) else shared
    with transaction.atomic():
        found = SharedRecipe.objects.select_related("organization").filter(pk=pk).first()
        if found is None or not found.is_listed:
            raise NotImportable(
                "That recipe is no longer in the public library, so it can't be imported."
            )
        active = list(Item.objects.filter(is_archived=False).order_by("pk"))
        by_library = {i.library_item_id: i for i in active if i.library_item_id}
        by_name = {normalise_name(i.name): i for i in active}
        lines: list[LineInput] = []
        for line in found.lines:
            item = by_library.get(line.get("library_item_id")) or by_name.get(
                normalise_name(line["name"])
            )
            if item is None:
                item = _new_item(line)
                by_name[normalise_name(item.name)] = item
                if item.library_item_id:
                    by_library[item.library_item_id] = item
            lines.append(LineInput(item.pk, line["quantity"], line["unit"], line.get("note", "")))
        recipe = create_recipe(
            name=_free_name(found.name),
            category=found.category,
            content=VersionContent(
                yield_quantity=found.yield_quantity,
                yield_unit=found.yield_unit,
                lines=lines,
                portion_name=found.portion_name,
                instructions=found.instructions,
                category_data=found.category_data,
            ),
            actor_id=actor_id,
        )
        origin = f"{found.name} v{found.source_version} by {found.organization.name}"
        Recipe.objects.filter(pk=recipe.pk).update(
            origin_shared_recipe_id=found.pk, origin=origin[:200]
        )
        recipe.origin_shared_recipe_id, recipe.origin = found.pk, origin[:200]
        SharedRecipe.objects.filter(pk=found.pk).update(import_count=F("import_count") + 1)
    return recipe


def _new_item(line: dict) -> Item:
    entry = None
    if line.get("library_item_id"):
        entry = LibraryItem.objects.filter(pk=line["library_item_id"], is_active=True).first()
    if entry is not None:
        return create_item(
            organization=active_tenant(),
            name=entry.name,
            kind=entry.kind,
            stock_unit=line["stock_unit"],
            density_g_per_ml=entry.density_g_per_ml,
            shelf_life_days=entry.shelf_life_days,
            library_item_id=entry.pk,
        )
    return create_item(
        organization=active_tenant(),
        name=line["name"],
        kind=line["kind"],
        stock_unit=line["stock_unit"],
    )


def _free_name(name: str) -> str:
    taken = {
        n.casefold()
        for n in Recipe.objects.filter(is_archived=False).values_list("name", flat=True)
    }
    if name.casefold() not in taken:
        return name
    for number in range(1, 1000):
        candidate = f"{name[:85]} (imported)" if number == 1 else f"{name[:85]} (imported {number})"
        if candidate.casefold() not in taken:
            return candidate
    return name
