"""Platform-staff actions on organizations."""

from __future__ import annotations

from django.db import transaction

from tenants.audit import record_audit
from tenants.models import Organization, User


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
