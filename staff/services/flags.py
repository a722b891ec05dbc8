"""Turning feature flags on or off: the only writer of FlagOverride, every change audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from staff.flags import forget_cached_overrides, get_flag
from staff.models import FlagOverride
from tenants.audit import record_audit
from tenants.middleware import public_organization

if TYPE_CHECKING:
    from tenants.models import Organization, User


def _audit_target(organization: Organization | None) -> Organization:
    # A global change belongs to no workspace: it is recorded on the platform's own row.
    return organization if organization is not None else public_organization()


def _forget_now_and_on_commit() -> None:
    # Now, so this transaction reads its own change; again after commit, in case another request
    # cached the old state in between.
    forget_cached_overrides()
    transaction.on_commit(forget_cached_overrides)


def set_flag(
    *, key: str, enabled: bool, organization: Organization | None, actor: User | None
) -> FlagOverride:
    """Turn flag `key` on or off for `organization` (None: everyone). Raises UnknownFlag."""
    flag = get_flag(key)
    with transaction.atomic():
        override, _ = FlagOverride.objects.select_for_update().update_or_create(
            key=flag.key,
            organization=organization,
            defaults={"enabled": enabled, "updated_by": actor, "updated_at": timezone.now()},
        )
        record_audit(
            organization=_audit_target(organization),
            actor=actor,
            action="flag.changed",
            target=flag.key,
            details={"enabled": enabled, "scope": "workspace" if organization else "everyone"},
        )
        _forget_now_and_on_commit()
    return override


def clear_flag(*, key: str, organization: Organization | None, actor: User | None) -> None:
    """Remove the override, so the workspace follows the global state (or everyone the default)."""
    flag = get_flag(key)
    with transaction.atomic():
        deleted, _ = FlagOverride.objects.filter(key=flag.key, organization=organization).delete()
        if deleted:
            record_audit(
                organization=_audit_target(organization),
                actor=actor,
                action="flag.cleared",
                target=flag.key,
                details={"scope": "workspace" if organization else "everyone"},
            )
        _forget_now_and_on_commit()
