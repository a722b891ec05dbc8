"""Who may start and download exports: the role AND the tier; nothing leaks across workspaces."""

from __future__ import annotations

import pytest

from reports.models import ExportJob
from reports.services import request_export, run_export
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import ItemFactory, stock
from tests.reports.conftest import on_tier


def _finished_job(organization, in_workspace, kind="items", params=None) -> ExportJob:
    with in_workspace(organization):
        stock(ItemFactory(name="Beeswax"), "5", "2")
        job = request_export(
            kind=kind, fmt="csv", params=params or {}, requested_by_id=None, zone_name="UTC"
        )
        return run_export(job_id=job.pk)


def _jobs(organization, in_workspace) -> int:
    with in_workspace(organization):
        return ExportJob.objects.count()


@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_roles_with_the_right_start_an_export(pro_a, in_workspace, role):
    member = make_member(pro_a, role)
    response = workspace_client(member, pro_a).post(
        "/reports/exports/items/", {"items-format": "csv"}
    )
    with in_workspace(pro_a):
        job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/exports/job/{job.pk}/"
    assert (job.kind, job.format, job.requested_by_id) == ("items", "csv", member.pk)


def test_viewer_is_refused_and_nothing_is_queued(pro_a, in_workspace):
    viewer = make_member(pro_a, "viewer")
    response = workspace_client(viewer, pro_a).post(
        "/reports/exports/items/", {"items-format": "csv"}
    )
    assert response.status_code == 403
    assert "You do not have permission to download exports" in page_text(response)
    assert _jobs(pro_a, in_workspace) == 0


def test_free_tier_has_no_exports(org_a, in_workspace):
    owner = make_member(org_a, "owner")
    client = workspace_client(owner, org_a)
    assert client.post("/reports/exports/items/", {"items-format": "csv"}).status_code == 403
    assert _jobs(org_a, in_workspace) == 0
    page = page_text(client.get("/reports/"))
    assert "on a plan with exports (Maker or above)" in page
    assert 'action="/reports/exports/items/"' not in page


def test_recall_export_needs_traceability_which_maker_lacks(org_a, in_workspace):
    on_tier(org_a, "maker")
    owner = make_member(org_a, "owner")
    with in_workspace(org_a):
        lot = stock(ItemFactory(name="Lye"), "5", "2")
    client = workspace_client(owner, org_a)
    response = client.post(
        "/reports/exports/recall/", {"recall-format": "csv", "recall-lot": lot.code}
    )
    assert response.status_code == 403
    assert "export lot traceability and recall reports" in page_text(response)
    assert client.post("/reports/exports/items/", {"items-format": "csv"}).status_code == 302
    assert _jobs(org_a, in_workspace) == 1


def test_invalid_input_is_shown_on_the_page(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    client = workspace_client(owner, pro_a)
    response = client.post(
        "/reports/exports/ledger/",
        {"ledger-format": "xlsx", "ledger-start": "2026-05-10", "ledger-end": "2026-05-01"},
    )
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in page_text(response)
    response = client.post(
        "/reports/exports/recall/", {"recall-format": "csv", "recall-lot": "NOPE-9"}
    )
    assert "Nothing has the code NOPE-9." in page_text(response)
    assert client.post("/reports/exports/teleport/", {}).status_code == 404
    assert _jobs(pro_a, in_workspace) == 0


@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_download_streams_the_file_to_members_with_the_right(pro_a, in_workspace, role):
    job = _finished_job(pro_a, in_workspace)
    member = make_member(pro_a, role)
    response = workspace_client(member, pro_a).get(f"/reports/exports/job/{job.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="items-{job.created_at:%Y%m%d}-{job.pk}.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[1].startswith("Beeswax,Ingredient,,g,yes,")


def test_viewer_may_watch_but_not_download(pro_a, in_workspace):
    job = _finished_job(pro_a, in_workspace)
    viewer = make_member(pro_a, "viewer")
    client = workspace_client(viewer, pro_a)
    page = page_text(client.get(f"/reports/exports/job/{job.pk}/"))
    assert "/download/" not in page
    response = client.get(f"/reports/exports/job/{job.pk}/download/")
    assert response.status_code == 403


def test_download_after_a_downgrade_is_refused(pro_a, in_workspace):
    job = _finished_job(pro_a, in_workspace)
    owner = make_member(pro_a, "owner")
    on_tier(pro_a, "free")
    assert (
        workspace_client(owner, pro_a).get(f"/reports/exports/job/{job.pk}/download/").status_code
        == 403
    )


def test_another_workspaces_job_is_a_404(pro_a, org_b, in_workspace):
    job = _finished_job(pro_a, in_workspace)
    on_tier(org_b, "pro")
    # An owner of both: in globex, acme's job id does not exist.
    owner = make_member(org_b, "owner")
    from tenants.models import Membership

    Membership.objects.create(user=owner, organization=pro_a, role="owner")
    client = workspace_client(owner, org_b)
    assert client.get(f"/reports/exports/job/{job.pk}/").status_code == 404
    assert client.get(f"/reports/exports/job/{job.pk}/download/").status_code == 404
    outsider = make_member(org_b, "owner")
    assert (
        workspace_client(outsider, pro_a)
        .get(f"/reports/exports/job/{job.pk}/download/")
        .status_code
        == 404
    )


def test_unfinished_job_has_nothing_to_download(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    with in_workspace(pro_a):
        job = request_export(
            kind="items", fmt="csv", params={}, requested_by_id=None, zone_name="UTC"
        )
    assert (
        workspace_client(owner, pro_a).get(f"/reports/exports/job/{job.pk}/download/").status_code
        == 404
    )


def test_exports_are_rate_limited_per_user(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    client = workspace_client(owner, pro_a)
    for _ in range(20):
        assert client.post("/reports/exports/items/", {"items-format": "csv"}).status_code == 302
    response = client.post("/reports/exports/items/", {"items-format": "csv"})
    assert response.status_code == 429
    assert _jobs(pro_a, in_workspace) == 20
    # Another member keeps their own allowance.
    other = make_member(pro_a, "admin")
    assert (
        workspace_client(other, pro_a)
        .post("/reports/exports/items/", {"items-format": "csv"})
        .status_code
        == 302
    )


def test_reports_page_lists_exports_and_recent_jobs(pro_a, in_workspace):
    job = _finished_job(pro_a, in_workspace)
    viewer = make_member(pro_a, "viewer")
    text = page_text(workspace_client(viewer, pro_a).get("/reports/"))
    for label in (
        "Items with lots and valuation",
        "Stock ledger",
        "Batches with consumption and costs",
        "Recall report",
        "Batch record (PDF)",
    ):
        assert label in text
    assert f'href="/reports/exports/job/{job.pk}/"' in text
    assert 'href="/reports/"' in text  # the nav link
    assert "Import items" not in text  # viewers can't import
