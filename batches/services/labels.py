"""The workspace's label settings (the public batch record behind the labels' QR code)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from batches.models import LabelSettings


def set_public_records(*, enabled: bool) -> LabelSettings:
    """Turn the public batch record (and the QR code on labels) on or off. Locks the row."""
    with transaction.atomic():
        LabelSettings.objects.get_or_create(pk=1)
        row = LabelSettings.objects.select_for_update().get(pk=1)
        row.public_records = bool(enabled)
        row.updated_at = timezone.now()
        row.save(update_fields=["public_records", "updated_at"])
    return row
