"""Which time zone a date or hour is counted in: the user's, else the workspace's, else UTC."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.db import connection

UTC = zoneinfo.ZoneInfo("UTC")


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name) if name else UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def current_organization():
    """The Organization whose schema is active. `connection.tenant` is only a stand-in when the
    schema was set by name (`schema_context`, Celery beat), so then the row is read."""
    from tenants.models import Organization

    tenant = connection.tenant
    if isinstance(tenant, Organization):
        return tenant
    return Organization.objects.get(schema_name=connection.schema_name)


def workspace_zone(organization=None) -> zoneinfo.ZoneInfo:
    """The zone of `organization`, default the workspace whose schema is active."""
    organization = organization if organization is not None else current_organization()
    return zone_named(organization.time_zone)


def user_zone(user, organization=None) -> zoneinfo.ZoneInfo:
    """The user's own zone when they chose one (profile), else the workspace's."""
    if getattr(user, "time_zone", ""):
        return zone_named(user.time_zone)
    return workspace_zone(organization)


def workspace_day(at: datetime, organization=None):
    """The workspace's calendar date at the instant `at`."""
    return at.astimezone(workspace_zone(organization)).date()
