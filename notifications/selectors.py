"""Reads: a member's notifications, the unread count, and what needs attention now (for the scans and
the digest). The workspace's schema is active; nothing here crosses workspaces."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.core.cache import cache
from django.db import transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Q, QuerySet

from batches.models import BatchTimer
from batchtrack.access import can
from batchtrack.tenancy import active_schema_name
from inventory.models import Item, Lot
from inventory.selectors import item_list, lots_expiring, preferences
from notifications.models import DigestPreference, Notification
from notifications.zones import current_organization
from tenants.models import Membership

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Due(TypedDict):
    due: datetime | None


def notifications_for(*, user_id: int) -> QuerySet[Notification]:
    """The member's notifications, newest first, with their alerts."""
    return Notification.objects.filter(user_id=user_id).select_related("alert")


UNREAD_TTL = 300


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"  # the default cache prefixes the workspace's schema


# Counts this process dropped in a transaction that may not have committed yet: read them fresh.
_pending: set[tuple[str, int]] = set()


def unread_count(*, user_id: int) -> int:
    """The member's unread notifications here, cached (the navbar asks on every page); the services
    that create or read notifications drop the entry (`forget_unread`)."""
    key = _unread_key(user_id)
    mine = (active_schema_name(), user_id)
    count = None if mine in _pending else cache.get(key)
    _pending.discard(mine)
    if count is None:
        count = Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_TTL)
    return count


def forget_unread(user_ids: Iterable[int]) -> None:
    """Drop the cached unread counts of `user_ids` once the transaction commits (this process reads
    them fresh until then)."""
    ids = set(user_ids)
    if ids:
        schema = active_schema_name()
        _pending.update((schema, user_id) for user_id in ids)
        keys = [_unread_key(user_id) for user_id in ids]
        transaction.on_commit(lambda: cache.delete_many(keys))


def digest_frequency(*, user_id: int) -> str:
    """The member's digest choice here (daily when never set)."""
    preference = DigestPreference.objects.filter(user_id=user_id).first()
    return preference.frequency if preference else DigestPreference.Frequency.DAILY


def members_allowed(permission: str) -> list[Membership]:
    """Active members of the current workspace whose role and tier allow `permission`, by user id."""
    organization = current_organization()
    memberships = (
        Membership.objects.filter(organization_id=organization.pk, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    return [m for m in memberships if can(m.user, organization, permission, membership=m)]


def overdue_timers(*, now: datetime) -> QuerySet[WithAnnotations[BatchTimer, _Due]]:
    """Timers whose full duration has run (running past their due time, or paused after it), with
    `due` annotated (None for paused ones); soonest due first."""
    due = ExpressionWrapper(
        F("running_since") + F("duration") - F("accumulated"), output_field=DateTimeField()
    )
    return (
        BatchTimer.objects.exclude(status=BatchTimer.Status.COMPLETED)
        .annotate(due=due)
        .filter(
            Q(status=BatchTimer.Status.RUNNING, due__lte=now)
            | Q(status=BatchTimer.Status.PAUSED, accumulated__gte=F("duration"))
        )
        .select_related("batch")
        .order_by(F("due").asc(nulls_first=True), "id")
    )


def low_stock_items(*, now: datetime) -> QuerySet[Item]:
    """Active tracked items whose free stock is under their threshold, by name."""
    return item_list(low_stock=True, now=now, expiring_within_days=0)


def expiry_alerts_included() -> bool:
    """Whether this workspace's plan includes warnings before lots expire (the `expiry_tracking`
    feature). Expiry itself is never gated: every plan records expiry dates, FIFO skips expired lots,
    the dashboard shows what is expiring and expired lots raise an alert, because using expired stock
    is a safety matter. The paid part is being told ahead, in notifications and the digest."""
    from billing.gates import has_feature

    return has_feature(current_organization(), "expiry_tracking")


def expiring_lots(*, now: datetime, within_days: int | None = None) -> QuerySet[Lot]:
    """Open lots that expire after `now` but within the window (the workspace's "expiring soon"
    preference unless given), soonest first."""
    return lots_expiring(within_days=within_days, now=now).filter(expires_at__gt=now)


def expired_lots(*, now: datetime) -> QuerySet[Lot]:
    """Open lots of active items whose expiry has passed, oldest expiry first."""
    return lots_expiring(within_days=0, now=now)


@dataclass(frozen=True)
class Attention:
    """What a digest lists. Sections the reader may not see are left empty."""

    expiring_within_days: int
    low_stock: list[Item] = field(default_factory=list)
    expiring: list[Lot] = field(default_factory=list)
    expired: list[Lot] = field(default_factory=list)
    timers: list[BatchTimer] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.low_stock) + len(self.expiring) + len(self.expired) + len(self.timers)


def attention(*, now: datetime, inventory: bool, timers: bool) -> Attention:
    """Everything that needs attention at `now`: inventory sections when `inventory`, overdue timers
    when `timers`."""
    days = preferences().expiring_soon_days
    sections: dict[str, list] = {}
    if inventory:
        sections["low_stock"] = list(low_stock_items(now=now))
        if expiry_alerts_included():
            sections["expiring"] = list(expiring_lots(now=now, within_days=days))
        sections["expired"] = list(expired_lots(now=now))
    if timers:
        sections["timers"] = list(overdue_timers(now=now))
    return Attention(expiring_within_days=days, **sections)
