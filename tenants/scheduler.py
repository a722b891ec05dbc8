"""Celery beat scheduler that fans periodic jobs out to active workspaces only."""

from __future__ import annotations

from tenant_schemas_celery.scheduler import TenantAwareScheduler

from tenants.models import Organization


class WorkspaceScheduler(TenantAwareScheduler):
    @classmethod
    def get_queryset(cls):
        # Suspended workspaces get no alerts or audits; the public schema is handled by the mixin.
        return Organization.objects.filter(status=Organization.Status.ACTIVE)
