"""Changes to an organization itself: its settings (by its owners and admins) and platform staff's
suspend and reactivate."""

from __future__ import annotations

from typing import cast

from django.db import transaction

from batchtrack.money import is_currency
from tenants.audit import record_audit
from tenants.errors import WorkspaceSettingsError
from tenants.models import TIME_ZONE_CHOICES, Organization, User

_TIME_ZONES = {name for name, _label in TIME_ZONE_CHOICES}
_NAME_MAX = cast(int, Organization._meta.get_field("name").max_length)  # a CharField has one


def update_workspace_settings(
    *,
    organization: Organization,
    name: str,
    time_zone: str,
    currency: str | None = None,
    actor: User | None = None,
) -> Organization:
    """Rename the workspace and set its time zone (dates on pages, the digest hour of members without
    a zone of their own, alert days) and, when given, its currency (money on every page; amounts are
    not converted). The slug, its web address, never changes. Records the change in the activity
    log; raises WorkspaceSettingsError for a blank or too long name, an unknown zone or currency."""
    currency = organization.currency if currency is None else currency.strip().upper()
    name = " ".join((name or "").split())
    if not name:
        raise WorkspaceSettingsError("Give the workspace a name.", field="name")
    if len(name) > _NAME_MAX:
        raise WorkspaceSettingsError(
            f"A workspace name can be at most {_NAME_MAX} characters.", field="name"
        )
    if time_zone not in _TIME_ZONES:
        raise WorkspaceSettingsError(
            f"{time_zone or 'That'} is not a time zone we know. Pick one from the list, such as "
            "Europe/London or America/New_York.",
            field="time_zone",
        )
    if not is_currency(currency):
        raise WorkspaceSettingsError(
            f"{currency or 'That'} is not a currency we know. Pick one from the list, such as "
            "USD or EUR.",
            field="currency",
        )
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        changes = {
            field: {"from": getattr(org, field), "to": value}
            for field, value in (("name", name), ("time_zone", time_zone), ("currency", currency))
            if getattr(org, field) != value
        }
        if changes:
            org.name, org.time_zone, org.currency = name, time_zone, currency
            org.save(update_fields=["name", "time_zone", "currency"])
            record_audit(
                organization=org, actor=actor, action="workspace.settings_changed", details=changes
            )
    organization.name, organization.time_zone = org.name, org.time_zone
    organization.currency = org.currency
    return org


def suspend_organization(
    *, organization: Organization, reason: str = "", actor: User | None = None
) -> Organization:
    """Suspend a workspace (members see the suspended page); records who did it and why."""
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        was_suspended = org.status == Organization.Status.SUSPENDED
        org.status = Organization.Status.SUSPENDED
        org.suspended_reason = reason[:255]
        org.save(update_fields=["status", "suspended_reason"])
        if not was_suspended:
            record_audit(
                organization=org,
                actor=actor,
                action="workspace.suspended",
                details={"reason": org.suspended_reason},
            )
    return org


def reactivate_organization(
    *, organization: Organization, actor: User | None = None
) -> Organization:
    """Make a suspended workspace usable again; records who did it."""
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        was_suspended = org.status == Organization.Status.SUSPENDED
        org.status = Organization.Status.ACTIVE
        org.suspended_reason = ""
        org.save(update_fields=["status", "suspended_reason"])
        if was_suspended:
            record_audit(organization=org, actor=actor, action="workspace.reactivated")
    return org
