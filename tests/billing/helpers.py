from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tenants.models import Organization
from tenants.request_cache import forget_workspace


def set_billing(organization: Organization, **fields) -> Organization:
    """Put an organization in a billing state directly (tests only; the app writes via services)."""
    Organization.objects.filter(pk=organization.pk).update(**fields)
    forget_workspace(organization.pk)  # update() sends no signal to the request cache
    organization.refresh_from_db()
    return organization


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def days_ahead(days: float):
    return timezone.now() + timedelta(days=days)
