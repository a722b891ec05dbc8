"""The nightly ledger audit's outcome per workspace, kept in the public schema for the dashboard."""

from __future__ import annotations

from django.utils import timezone

from batchtrack.tenancy import active_tenant
from staff.models import LedgerAuditResult
from tenants.models import Organization


def record_ledger_audit() -> LedgerAuditResult | None:
    """Copy how many items drift in the active workspace (open ledger-drift alerts) after its
    nightly audit. Call it in the workspace's schema, right after the audit."""
    from notifications.models import Alert

    schema = getattr(active_tenant(), "schema_name", None)
    organization = Organization.objects.filter(schema_name=schema).first()
    if organization is None:
        return None
    drifting = Alert.objects.filter(kind=Alert.Kind.LEDGER_DRIFT, resolved_at__isnull=True).count()
    result, _ = LedgerAuditResult.objects.update_or_create(
        organization=organization,
        defaults={"checked_at": timezone.now(), "drifting_items": drifting},
    )
    return result
