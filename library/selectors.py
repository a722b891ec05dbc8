"""Read access to the global ingredient library, from the public schema or from inside a workspace.

A workspace connection's search_path is `<tenant>, public`, and the library's table exists only in the
public schema, so these queries read the same rows whichever schema is active.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from library.models import LibraryItem, SharedRecipe


def library_items(search: str = "", kind: str | None = None) -> QuerySet[LibraryItem]:
    """Active library items, ordered by name (ignoring case).

    `search` matches every word (ignoring case) against the name, the INCI name or the category, so
    "almond oil" finds "Sweet almond oil" and "olea" finds olive oil. `kind` (ingredient, packaging,
    container, consumable) narrows to one kind; None or "" means every kind, and an unknown kind
    matches nothing.
    """
    items = LibraryItem.objects.filter(is_active=True)
    if kind:
        items = items.filter(kind=kind)
    for word in (search or "").split():
        items = items.filter(
            Q(name__icontains=word) | Q(inci_name__icontains=word) | Q(category__icontains=word)
        )
    return items.order_by(Lower("name"), "pk")


def library_item(pk: int | str, *, include_inactive: bool = False) -> LibraryItem:
    """One library item by primary key; raises LibraryItem.DoesNotExist when there is no such active
    item (or `pk` is not a number), so views can answer 404.

    `include_inactive=True` also returns deactivated items, e.g. to show what a linked workspace item
    was copied from.
    """
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise LibraryItem.DoesNotExist(f"No library item {pk!r}.")
    items = (
        LibraryItem.objects.all()
        if include_inactive
        else LibraryItem.objects.filter(is_active=True)
    )
    return items.get(pk=pk)


def listed_recipes(search: str = "") -> QuerySet[SharedRecipe]:
    """Recipes listed in the public recipe library, newest first, with their publisher."""
    recipes = SharedRecipe.objects.filter(is_listed=True).select_related("organization")
    for word in (search or "").split():
        recipes = recipes.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return recipes.order_by("-published_at", "-pk")


def listed_recipe(pk: int) -> SharedRecipe:
    """One listed shared recipe; raises SharedRecipe.DoesNotExist (unlisted ones too)."""
    return SharedRecipe.objects.select_related("organization").get(pk=pk, is_listed=True)
