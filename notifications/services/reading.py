"""Marking a member's notifications read."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from notifications.models import Notification
from notifications.selectors import forget_unread


def mark_read(*, user_id: int, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one of the member's notifications read (already read: unchanged).

    Raises Notification.DoesNotExist when the id is not one of this member's notifications in this
    workspace (a view answers 404).
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("alert")
            .get(pk=notification_id, user_id=user_id)
        )
        if notification.read_at is None:
            notification.read_at = now or timezone.now()
            notification.save(update_fields=["read_at"])
            forget_unread([user_id])
    return notification


def mark_all_read(*, user_id: int, now: datetime | None = None) -> int:
    """Mark every unread notification of the member read; returns how many."""
    with transaction.atomic():
        forget_unread([user_id])
        return Notification.objects.filter(user_id=user_id, read_at__isnull=True).update(
            read_at=now or timezone.now()
        )
