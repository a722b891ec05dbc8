"""Items and the global ingredient library: adding several library entries at once, and linking an
item the maker already has to an entry. Both go through `create_item` / `update_item`, so every
item rule, lock and refusal applies as for any other item edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from inventory.errors import InvalidItem
from inventory.models import Item
from inventory.selectors import items_named_like, linked_library_ids
from inventory.services._locks import lock_item
from inventory.services.items import create_item, update_item
from library.models import LibraryItem

# At most this many entries in one go: a page of library results.
MAX_AT_ONCE = 30
# What a linked item takes from its entry (its name and kind stay the maker's).
LINKED_FIELDS = ("density_g_per_ml", "shelf_life_days", "inci_name", "allergens")


def library_values(entry: LibraryItem) -> dict[str, Any]:
    """create_item's arguments for a new item copied from `entry` (stock kept in its usual unit)."""
    identity = entry.identity()
    return {
        "name": identity["name"],
        "kind": identity["kind"],
        "stock_unit": identity["default_unit"],
        "category": entry.get_category_display(),
        "library_item_id": entry.pk,
        **{field: identity[field] for field in LINKED_FIELDS},
    }


def _entries(ids: Sequence[int]) -> list[LibraryItem]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        raise InvalidItem("Choose at least one item from the library to add.")
    if len(wanted) > MAX_AT_ONCE:
        raise InvalidItem(f"Add at most {MAX_AT_ONCE} items at a time.")
    found = {entry.pk: entry for entry in LibraryItem.objects.filter(pk__in=wanted, is_active=True)}
    if len(found) < len(wanted):
        raise InvalidItem(
            "One of the chosen items is no longer in the library. Search again and choose from "
            "what is there now; nothing was added."
        )
    return [found[pk] for pk in wanted]


def add_from_library(*, organization, library_item_ids: Sequence[int]) -> list[Item]:
    """Create one item from each chosen library entry, all or none.

    Refuses (InvalidItem, nothing added) an empty choice, more than MAX_AT_ONCE, an entry that is no
    longer offered, and entries the workspace already has (linked, or an active item of the same
    name), naming each; then whatever create_item raises for any one of them (the plan's item limit
    included) undoes the others. Locks the organization row (the item limit) until it ends.
    """
    entries = _entries(library_item_ids)
    with transaction.atomic():
        linked = linked_library_ids([entry.pk for entry in entries])
        named = items_named_like(entry.name for entry in entries)
        had = [entry.name for entry in entries if entry.pk in linked or entry.name.lower() in named]
        if had:
            raise InvalidItem(
                f"You already have {_listed(had)}, so nothing was added. Untick "
                f"{'it' if len(had) == 1 else 'them'} and add the rest.",
                field="library_item_ids",
            )
        return [create_item(organization=organization, **library_values(e)) for e in entries]


def link_to_library(*, item: Item | int, library_item_id: int, organization=None) -> Item:
    """Link an existing item to a library entry: it takes the entry's density, INCI name, shelf
    life and allergens (keeping its own name and kind), and its name, kind and density lock as for
    any linked item. An ordinary update_item edit: the same locks (the item row) and refusals.

    Raises InvalidItem when the entry is not offered, the item is a product or something made
    here (the library holds materials you buy), or it is already linked to that entry.
    """
    entry = LibraryItem.objects.filter(pk=library_item_id, is_active=True).first()
    if entry is None:
        raise InvalidItem("That library entry is no longer offered. Choose another one.")
    with transaction.atomic():
        locked = lock_item(item)
        if locked.kind not in LibraryItem.Kind.values:
            raise InvalidItem(
                f"{locked.name} is made in your workshop; the library holds only materials you "
                f"buy, so it can't be linked."
            )
        if locked.library_item_id == entry.pk:
            raise InvalidItem(f"{locked.name} is already linked to {entry.name}.")
        identity = entry.identity()
        return update_item(
            item=locked,
            organization=organization,
            library_item_id=entry.pk,
            **{field: identity[field] for field in LINKED_FIELDS},
        )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
