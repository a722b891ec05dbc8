"""Platform-staff actions on organizations."""

from __future__ import annotations

from django.db import transaction

from tenants.models import Organization


def suspend_organization(*, organization: Organization, reason: str = "") -> Organization:
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        org.status = Organization.Status.SUSPENDED
        org.suspended_reason = reason[:255]
        org.save(update_fields=["status", "suspended_reason"])
    return org


def reactivate_organization(*, organization: Organization) -> Organization:
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        org.status = Organization.Status.ACTIVE
        org.suspended_reason = ""
        org.save(update_fields=["status", "suspended_reason"])
    return org
