"""Expiry rules: when stock found by a recount or returned without a source expires, and marking lots
whose expiry has passed. Stock that appears without a delivery never gets a fresher date than the
stock already on the shelf."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from inventory.models import Item, Lot
from inventory.shelf_life import day_words, shelf_life_words

_NEWEST: dict[str, str] = {
    Lot.Source.PURCHASE: "delivery",
    Lot.Source.BATCH_OUTPUT: "batch",
    Lot.Source.RETURN: "returned stock",
    Lot.Source.ADJUSTMENT: "found stock",
}


@dataclass(frozen=True)
class FoundStockExpiry:
    """When stock found by a recount expires (None: never) and why: it copies `lot`, the newest open
    lot, or it is today plus the item's shelf life (`shelf_life_days`), or neither applies."""

    item_name: str
    expires_at: datetime | None
    lot: Lot | None = None
    shelf_life_days: int | None = None

    @property
    def sentence(self) -> str:
        """What the adjust page tells the maker before they count."""
        if self.expires_at is None:
            why = (
                f"your newest {_NEWEST.get(self.lot.source, 'stock')} has none and "
                f"{self.item_name} has no shelf life"
                if self.lot is not None
                else f"{self.item_name} has no stock on hand and no shelf life"
            )
            return f"Found stock won't have an expiry date: {why}."
        day = day_words(self.expires_at)
        if self.lot is not None:
            newest = _NEWEST.get(self.lot.source, "stock")
            return f"Found stock will expire on {day}, like your newest {newest}."
        days = self.shelf_life_days or 0
        return (
            f"Found stock will expire on {day}, {shelf_life_words(days)} from today "
            f"({self.item_name}'s shelf life)."
        )


def found_stock_expiry(item: Item, now: datetime) -> FoundStockExpiry:
    """When stock found by a recount (a count above on hand) expires, unless the maker gives a date.

    The expiry of the newest open lot (latest received_at, then id; open: some left), so found stock
    is taken to be like the stock on the shelf; when that lot has no date or nothing is open, `now`
    plus the item's shelf life; else no expiry. One read; the caller holds the item lock when it
    writes.
    """
    newest = (
        Lot.objects.filter(item_id=item.pk, quantity_remaining__gt=0)
        .order_by("-received_at", "-id")
        .first()
    )
    if newest is not None and newest.expires_at is not None:
        return FoundStockExpiry(item_name=item.name, expires_at=newest.expires_at, lot=newest)
    if item.shelf_life_days:
        return FoundStockExpiry(
            item_name=item.name,
            expires_at=now + timedelta(days=item.shelf_life_days),
            shelf_life_days=item.shelf_life_days,
        )
    return FoundStockExpiry(item_name=item.name, expires_at=None, lot=newest)


def returned_stock_expiry(item: Item, now: datetime) -> datetime | None:
    """When stock returned without a source expires: the earliest expiry among the item's open lots
    (it may be the oldest stock on the shelf), else `now` plus the item's shelf life, else never.
    (A return that names its source goes back to its own lots instead: `restore`.)"""
    earliest = (
        Lot.objects.filter(item_id=item.pk, quantity_remaining__gt=0, expires_at__isnull=False)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    if earliest is not None:
        return earliest
    return now + timedelta(days=item.shelf_life_days) if item.shelf_life_days else None


def mark_expired_lots(*, now: datetime) -> list[int]:
    """Flag every open lot whose expiry has passed and that is not flagged yet; returns their ids.

    Quantities do not change (disposal stays the maker's decision, through `adjust`), so no ledger
    movement is written. Locks the lots it flags; a lot flagged concurrently is skipped, not re-flagged.
    """
    with transaction.atomic():
        ids = list(
            Lot.objects.select_for_update(skip_locked=True)
            .filter(marked_expired_at=None, quantity_remaining__gt=0, expires_at__lte=now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Lot.objects.filter(pk__in=ids).update(marked_expired_at=now)
    return ids
