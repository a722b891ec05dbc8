"""The staff dashboard: the numbers, from a bounded number of queries however many workspaces."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from staff.models import LedgerAuditResult, WorkspaceActivity
from staff.selectors import staff_dashboard
from staff.services.activity import note_write
from tenants.models import Organization
from tests.conftest import make_member, make_user, public_client, workspace_client


def _bulk_workspaces(count: int, start: int = 0) -> list[Organization]:
    """Rows only (bulk_create skips save(), so no schema): the dashboard reads rows alone."""
    now = timezone.now()
    rows = Organization.objects.bulk_create(
        Organization(
            name=f"Bulk {n}",
            slug=f"bulk-{n}",
            schema_name=f"bulk_{n}",
            created_at=now - timedelta(days=n % 20),
            tier=("maker", "pro", "free")[n % 3],
            billing_status=("active", "trialing", "none", "canceled")[n % 4],
            billing_event_at=now - timedelta(days=2),
        )
        for n in range(start, start + count)
    )
    WorkspaceActivity.objects.bulk_create(
        WorkspaceActivity(organization=o, last_write_at=now - timedelta(days=i % 10))
        for i, o in enumerate(rows)
    )
    LedgerAuditResult.objects.bulk_create(
        LedgerAuditResult(organization=o, checked_at=now, drifting_items=i % 2)
        for i, o in enumerate(rows)
    )
    return rows


def _queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        staff_dashboard()
    return len(captured)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_workspaces():
    _bulk_workspaces(3)
    few = _queries()
    _bulk_workspaces(60, start=3)
    assert _queries() == few
    assert few <= 8


def test_numbers(db):
    Organization.objects.exclude(schema_name="public").update(
        tier="free", billing_status="none", created_at=timezone.now() - timedelta(days=400)
    )
    WorkspaceActivity.objects.all().delete()
    _bulk_workspaces(8)
    board = staff_dashboard()
    # n % 3 -> maker/pro/free, n % 4 -> active/trialing/none/canceled, for n = 0..7.
    # Paying: 0 (maker, active), 1 (pro, trialing), 4 (pro, active); canceled: 3 and 7.
    assert board.paying_by_tier == [("maker", 1), ("pro", 2)]
    assert board.paying == 3
    assert board.canceled_recently == 2
    assert board.churn_percent == 40.0
    assert board.active == 7  # last write 0..6 days ago; the one 7 days ago is not
    assert sum(n for _, n in board.signups_by_week) == 8
    assert len(board.audit_findings) == 4


def test_dashboard_page(db, staff_user):
    _bulk_workspaces(3)
    response = public_client(staff_user).get("/staff/dashboard/")
    assert response.status_code == 200
    assert "Sign-ups per week" in response.content.decode()
    assert public_client(make_user()).get("/staff/dashboard/").status_code == 302


def test_a_write_marks_the_workspace_active_at_most_hourly(org_a, django_assert_num_queries):
    WorkspaceActivity.objects.filter(organization=org_a).delete()
    owner = make_member(org_a, "owner")
    client = workspace_client(owner, org_a)
    client.get("/")
    assert not WorkspaceActivity.objects.filter(organization=org_a).exists()
    client.post("/notifications/read-all/")
    first = WorkspaceActivity.objects.get(organization=org_a).last_write_at
    client.post("/notifications/read-all/")
    assert WorkspaceActivity.objects.get(organization=org_a).last_write_at == first
    with django_assert_num_queries(0):
        note_write(organization_id=org_a.pk)


def test_nightly_audit_result_is_copied_for_the_dashboard(org_a):
    from django_tenants.utils import tenant_context

    from notifications.tasks import audit_ledger

    with tenant_context(org_a):
        audit_ledger.apply()
    result = LedgerAuditResult.objects.get(organization=org_a)
    assert result.drifting_items == 0


def test_admin_index_links_the_console(db, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    text = public_client(staff_user).get("/admin/").content.decode()
    for link in ("/staff/dashboard/", "/staff/integrations/", "/staff/support/start/"):
        assert link in text
