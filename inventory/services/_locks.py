"""Locking the items a change touches, and the checks every stock change makes on a locked item.
Private to `inventory.services`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from inventory import units
from inventory.errors import InvalidAmount, ItemArchived, ItemNotFound, ItemNotTracked
from inventory.models import Item
from inventory.services._inputs import item_pk

# Largest on-hand balance an item may reach (Decimal(20, 6) holds up to 1e14).
MAX_ON_HAND = Decimal("10000000000000")


def lock_items(items: Iterable[Item | int]) -> dict[int, Item]:
    """Lock the items' rows (FOR UPDATE) in ascending id order, so concurrent multi-item changes
    cannot deadlock; raises ItemNotFound for an id that does not exist in this workspace."""
    ids = sorted({item_pk(item) for item in items})
    locked = {
        item.pk: item for item in Item.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    missing = [pk for pk in ids if pk not in locked]
    if missing:
        raise ItemNotFound(
            "That item no longer exists in this workspace. Reload the page and pick it again.",
            field="item",
            item_ids=missing,
        )
    return locked


def lock_item(item: Item | int) -> Item:
    return lock_items([item])[item_pk(item)]


def require_active(item: Item) -> None:
    if item.is_archived:
        raise ItemArchived(
            f"{item.name} is archived. Restore it from the archive before changing its stock.",
            field="item",
        )


def require_tracked(item: Item, action: str) -> None:
    if not item.is_tracked:
        raise ItemNotTracked(
            f"{item.name} isn't stock-tracked, so it has no stock to {action}. Turn on stock tracking "
            f"on the item page, or just record its usage.",
            field="item",
        )


def check_room(item: Item, adding: Decimal) -> None:
    if item.on_hand + adding > MAX_ON_HAND:
        raise InvalidAmount(
            f"That would bring {item.name} to more than {units.format_amount(MAX_ON_HAND)} "
            f"{item.stock_unit} on hand. Check the number and its unit.",
            field="quantity",
        )
