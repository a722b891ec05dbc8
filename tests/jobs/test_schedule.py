"""The beat schedule: every periodic job is scheduled, fanned out to active workspaces only, and the
billing reconciliation is on it. Entries are sent through the real WorkspaceScheduler (eager tasks)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django_tenants.utils import tenant_context

from batchtrack.celery import app
from billing import tasks as billing_tasks  # noqa: F401  (registers the tasks)
from notifications import tasks  # noqa: F401
from notifications.models import Alert, Notification
from reports import tasks as reports_tasks  # noqa: F401
from tenants.models import Organization
from tenants.scheduler import WorkspaceScheduler
from tests.conftest import make_member
from tests.jobs.conftest import low_item

PER_WORKSPACE = {
    "alerts-low-stock": "notifications.tasks.scan_low_stock",
    "alerts-lots-expiring": "notifications.tasks.scan_expiring_lots",
    "alerts-lots-expired": "notifications.tasks.scan_expired_lots",
    "alerts-timers-due": "notifications.tasks.scan_due_timers",
    "ledger-audit": "notifications.tasks.audit_ledger",
    "email-digests": "notifications.tasks.dispatch_digests",
    "billing-reconcile": "billing.tasks.reconcile_subscriptions",
    "reports-purge-files": "reports.tasks.purge_old_files",
    "webhooks-send-overdue": "webhooks.tasks.send_overdue",
}


def scheduler() -> WorkspaceScheduler:
    beat = WorkspaceScheduler(app=app, lazy=True)
    beat.merge_inplace(settings.CELERY_BEAT_SCHEDULE)
    return beat


def test_every_periodic_job_is_scheduled_for_every_workspace():
    schedule = settings.CELERY_BEAT_SCHEDULE
    for name, task in PER_WORKSPACE.items():
        assert schedule[name]["task"] == task
        assert "tenant_schemas" not in schedule[name]  # no list: every active workspace
    entries = scheduler().schedule
    for name, task in PER_WORKSPACE.items():
        assert entries[f"{name}@__all_tenants_only__"].task == task
        assert task in app.tasks


def test_digest_dispatcher_runs_every_hour_on_the_hour():
    schedule = settings.CELERY_BEAT_SCHEDULE["email-digests"]["schedule"]
    assert schedule.hour == set(range(24))
    assert schedule.minute == {0}


def test_scheduler_queryset_skips_suspended_workspaces(org_a, org_b):
    Organization.objects.filter(pk=org_b.pk).update(status=Organization.Status.SUSPENDED)
    schemas = set(WorkspaceScheduler.get_queryset().values_list("schema_name", flat=True))
    assert "acme" in schemas
    assert "globex" not in schemas


@pytest.fixture
def low_in_both(org_a, org_b):
    """A low item and an owner in each workspace."""
    owners = {}
    for organization in (org_a, org_b):
        owners[organization.slug] = make_member(organization, "owner")
        with tenant_context(organization):
            low_item()
    return owners


def _counts(organization) -> tuple[int, int]:
    with tenant_context(organization):
        return Alert.objects.count(), Notification.objects.count()


def test_a_due_entry_runs_in_every_active_workspace(org_a, org_b, low_in_both):
    beat = scheduler()
    beat.apply_entry(beat.schedule["alerts-low-stock@__all_tenants_only__"])
    assert _counts(org_a) == (1, 1)
    assert _counts(org_b) == (1, 1)


def test_a_due_entry_skips_a_suspended_workspace(org_a, org_b, low_in_both):
    Organization.objects.filter(pk=org_b.pk).update(status=Organization.Status.SUSPENDED)
    beat = scheduler()
    beat.apply_entry(beat.schedule["alerts-low-stock@__all_tenants_only__"])
    assert _counts(org_a) == (1, 1)
    assert _counts(org_b) == (0, 0)
