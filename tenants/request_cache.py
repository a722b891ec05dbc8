"""What every workspace request reads before its own work, cached across requests: the workspace by
host name, and the signed-in user's memberships (the access check and the navbar's switcher).

Entries live in the global cache alias (not tenant-scoped: they are written on one host and dropped
from wherever the change happens) and are dropped when a change commits: saves and deletes of
Organization, Domain and Membership (signals below), and `forget_workspace` for writes that bypass
them (`QuerySet.update`). A request that read the database just before a change committed may put
the old row back; entries expire after TENANCY_CACHE_TTL seconds (default 60), which bounds that.
With Redis unavailable every lookup reads the database, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
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


def _user_key(user_id: int) -> str:
    return f"tenancy:user:{user_id}"


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


def memberships_of(user_id: int) -> tuple[dict[int, tuple], list[Organization]]:
    """The user's memberships ({organization id: Membership fields}) and their workspaces ordered
    by name, as the access check and the switcher need them."""
    cache = _cache()
    key = _user_key(user_id)
    found = _cached(key)
    if found is None:
        rows = (
            Membership.objects.filter(user_id=user_id)
            .select_related("organization")
            .order_by("organization__name", "organization_id")
        )
        memberships = {}
        organizations = []
        for row in rows:
            memberships[row.organization_id] = tuple(getattr(row, f) for f in _MEMBERSHIP_FIELDS)
            organizations.append(row.organization)
        found = (memberships, organizations)
        if _ttl():
            cache.set(key, found, _ttl())
    return found


def membership_in(organization: Organization, user: Any) -> Membership | None:
    """The user's membership of `organization` (with the organization and user attached), or None."""
    values = memberships_of(user.pk)[0].get(organization.pk)
    if values is None:
        return None
    membership = Membership.from_db(None, list(_MEMBERSHIP_FIELDS), values)
    membership.organization = organization
    membership.user = user
    return membership


def other_workspaces_of(user_id: int, organization_id: int) -> list[Organization]:
    return [org for org in memberships_of(user_id)[1] if org.pk != organization_id]


def _forget_after_commit(keys: Iterable[str]) -> None:
    """Drop the keys once the transaction commits; until then this process reads them from the
    database (no Redis call here: a change must not wait on, or trip, an unavailable Redis)."""
    keys = list(keys)
    if keys and _ttl():
        _pending.update(keys)
        transaction.on_commit(lambda: _cache().delete_many(keys))


def forget_workspace(organization_id: int) -> None:
    """Drop what is cached about a workspace (its hosts, its members' lists) once the transaction
    commits. Call it after writing the organization row without save()."""
    hosts = Domain.objects.filter(tenant_id=organization_id).values_list("domain", flat=True)
    users = Membership.objects.filter(organization_id=organization_id).values_list(
        "user_id", flat=True
    )
    _forget_after_commit([*map(_host_key, hosts), *map(_user_key, users)])


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
    _forget_after_commit([_user_key(instance.user_id)])
