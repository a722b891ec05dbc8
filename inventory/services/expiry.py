"""Marking lots whose expiry date has passed."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from inventory.models import Lot


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
