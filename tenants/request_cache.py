"""What every workspace request reads before its own work, cached across requests: the workspace by
host name, the signed-in user's membership of it (the access check) and the few workspaces the
navbar's switcher lists (a fixed size, however many workspaces the user belongs to).

Entries live in the global cache alias (not tenant-scoped: they are written on one host and dropped
from wherever the change happens) and are dropped when a change commits: saves and deletes of
Organization, Domain and Membership (signals below), and `forget_workspace` for writes that bypass
them (`QuerySet.update`). A request that read the database just before a change committed may put
the old row back; entries expire after TENANCY_CACHE_TTL seconds (default 60), which bounds that.
With Redis unavailable every lookup reads the database, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, F, Window
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenants.models import Domain, Membership, Organization


def _ttl() -> int:
    """Seconds an entry lives (TENANCY_CACHE_TTL, default 60); 0 turns the cache off."""
    return getattr(settings, "TENANCY_CACHE_TTL", 60)


_MEMBERSHIP_FIELDS = ("id", "user_id", "organization_id", "role", "created_at")


def _cache():
    return caches["global"]


def _host_key(hostname: str) -> str:
    return f"tenancy:host:{hostname}"


def _member_key(user_id: int, organization_id: int) -> str:
    return f"tenancy:member:{user_id}:{organization_id}"


def _switcher_key(user_id: int) -> str:
    return f"tenancy:switcher:{user_id}"


# Keys this process dropped whose transaction may not have committed yet: its own next read of one
# goes to the database (a test's transaction never commits; a request reads its own writes).
_pending: set[str] = set()


def _cached(key: str) -> Any:
    if not _ttl():
        return None
    if key in _pending:
        _pending.discard(key)
        return None
    return _cache().get(key)


def workspace_for_host(hostname: str, load: Callable[[], Organization]) -> Organization:
    """The workspace served at `hostname`; `load` reads it from the database on a miss (and raises
    for an unknown host, which is never cached)."""
    cache = _cache()
    key = _host_key(hostname)
    organization = _cached(key)
    if organization is None:
        organization = load()
        if _ttl():
            cache.set(key, organization, _ttl())
    return organization


def membership_in(organization: Organization, user: Any) -> Membership | None:
    """The user's membership of `organization` (with the organization and user attached), or None
    (not cached: only a refused request asks again)."""
    key = _member_key(user.pk, organization.pk)
    values = _cached(key)
    if values is None:
        values = (
            Membership.objects.filter(user_id=user.pk, organization_id=organization.pk)
            .values_list(*_MEMBERSHIP_FIELDS)
            .first()
        )
        if values is None:
            return None
        if _ttl():
            _cache().set(key, values, _ttl())
    membership = Membership.from_db(None, list(_MEMBERSHIP_FIELDS), values)
    membership.organization = organization
    membership.user = user
    return membership


SWITCHER_SHOWN = 5  # workspaces the switcher lists; the page of all of them has the rest


@dataclass(frozen=True)
class SwitchTo:
    """A workspace in the switcher."""

    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class Switcher:
    """The member's other workspaces the switcher lists (most recently opened first, then never
    opened ones by name, at most SWITCHER_SHOWN) and how many workspaces they belong to in all."""

    workspaces: tuple[SwitchTo, ...]
    total: int  # every workspace of the member, this one included

    @property
    def more(self) -> bool:
        """Whether some of the member's other workspaces are not listed."""
        return self.total - 1 > len(self.workspaces)

    def __bool__(self) -> bool:
        return bool(self.workspaces)

    def __iter__(self):
        return iter(self.workspaces)

    def __len__(self) -> int:
        return len(self.workspaces)


def _recent_workspaces(user_id: int) -> tuple[tuple[SwitchTo, ...], int]:
    """The user's SWITCHER_SHOWN + 1 most recently opened workspaces (one more than the switcher
    lists, so that it still has enough without the current one) and how many there are: one query,
    whatever their number."""
    cache = _cache()
    key = _switcher_key(user_id)
    found = _cached(key)
    if found is None:
        rows = list(
            Membership.objects.filter(user_id=user_id)
            .annotate(total=Window(Count("id")))
            .order_by(F("last_opened_at").desc(nulls_last=True), "organization__name", "id")
            .values_list("organization_id", "organization__name", "organization__slug", "total")[
                : SWITCHER_SHOWN + 1
            ]
        )
        found = (
            tuple(SwitchTo(pk, name, slug) for pk, name, slug, _ in rows),
            rows[0][3] if rows else 0,
        )
        if _ttl():
            cache.set(key, found, _ttl())
    return found


def other_workspaces_of(user_id: int, organization_id: int) -> Switcher:
    """What the switcher shows a member on `organization_id`'s pages: its other workspaces, the most
    recently opened first (by the one-time handoff, tenants.services.handoff), then by name; a fixed
    size however many workspaces the member belongs to."""
    workspaces, total = _recent_workspaces(user_id)
    others = tuple(w for w in workspaces if w.pk != organization_id)[:SWITCHER_SHOWN]
    return Switcher(workspaces=others, total=total)


def _forget_after_commit(keys: Iterable[str]) -> None:
    """Drop the keys once the transaction commits; until then this process reads them from the
    database (no Redis call here: a change must not wait on, or trip, an unavailable Redis)."""
    keys = list(keys)
    if keys and _ttl():
        _pending.update(keys)
        transaction.on_commit(lambda: _cache().delete_many(keys))


def _user_keys(user_id: int, organization_id: int) -> tuple[str, str]:
    """What is cached about a member of a workspace: the membership, the member's switcher."""
    return (_member_key(user_id, organization_id), _switcher_key(user_id))


def forget_workspace(organization_id: int) -> None:
    """Drop what is cached about a workspace (its hosts, its members' lists) once the transaction
    commits. Call it after writing the organization row without save()."""
    hosts = Domain.objects.filter(tenant_id=organization_id).values_list("domain", flat=True)
    users = Membership.objects.filter(organization_id=organization_id).values_list(
        "user_id", flat=True
    )
    _forget_after_commit(
        [
            *map(_host_key, hosts),
            *(key for user in users for key in _user_keys(user, organization_id)),
        ]
    )


# A new organization or domain has nothing cached yet (unknown hosts are never cached): no call.
@receiver([post_save, post_delete], sender=Organization)
def _organization_changed(sender, instance: Organization, created: bool = False, **kwargs) -> None:
    if instance.pk is not None and not created:
        forget_workspace(instance.pk)


@receiver([post_save, post_delete], sender=Domain)
def _domain_changed(sender, instance: Domain, created: bool = False, **kwargs) -> None:
    if not created:
        _forget_after_commit([_host_key(instance.domain)])


@receiver([post_save, post_delete], sender=Membership)
def _membership_changed(sender, instance: Membership, **kwargs) -> None:
    _forget_after_commit(_user_keys(instance.user_id, instance.organization_id))
