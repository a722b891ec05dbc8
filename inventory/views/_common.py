"""What every inventory view shares: finding the item or answering 404."""

from __future__ import annotations

from django.http import Http404

from inventory import selectors
from inventory.models import Item


def item_or_404(pk: int) -> Item:
    """The item with the list's annotations and its open lots (inventory.selectors.item_detail).

    The workspace schema is active, so another workspace's item id is simply not found: 404."""
    try:
        return selectors.item_detail(item_id=pk)
    except Item.DoesNotExist:
        raise Http404("No such item")


def plain_item_or_404(pk: int) -> Item:
    item = Item.objects.filter(pk=pk).first()
    if item is None:
        raise Http404("No such item")
    return item
