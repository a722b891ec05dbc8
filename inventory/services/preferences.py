"""The workspace's inventory preferences (costing method, expiring-soon window)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from inventory.errors import InventoryError
from inventory.models import InventoryPreferences
from inventory.services.costing import require_costing_method, set_costing_method


def update_preferences(
    *, costing_method: str | None = None, expiring_soon_days: int | None = None
) -> InventoryPreferences:
    """Change the given preferences (None leaves one as it is); creates the row on first use.

    Raises InventoryError (code INVALID_PREFERENCE) for an unknown costing method or a window outside
    1-365 days.
    """
    if costing_method is not None:
        require_costing_method(costing_method)
    if expiring_soon_days is not None and (
        isinstance(expiring_soon_days, bool)
        or not isinstance(expiring_soon_days, int)
        or not 1 <= expiring_soon_days <= 365
    ):
        raise InventoryError(
            "Warn about expiring stock between 1 and 365 days ahead.",
            code="INVALID_PREFERENCE",
            field="expiring_soon_days",
        )
    with transaction.atomic():
        if costing_method is not None:
            # The switch carries the stock on hand at its value: the costing service does that.
            set_costing_method(method=costing_method)
        prefs, _ = InventoryPreferences.objects.select_for_update().get_or_create(pk=1)
        if expiring_soon_days is not None:
            prefs.expiring_soon_days = expiring_soon_days
            prefs.updated_at = timezone.now()
            prefs.save()
    return prefs
