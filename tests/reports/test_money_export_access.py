"""Who may export a money report: the rules its page asks (reports.money, the plan's report) plus
exports; the report pages offer the export; bad parameters are a plain error and queue nothing."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from reports.models import ExportJob
from tests.conftest import make_member, page_text, workspace_client
from tests.reports.conftest import on_tier

YEAR_END = {"year_end-format": "csv", "year_end-year": "2026"}
SALES = {"sales_profit-format": "xlsx", "sales_profit-start": "2026-01-01"}
SALES["sales_profit-end"] = "2026-01-31"


def _jobs(organization, in_workspace) -> list[tuple[str, str, dict]]:
    with in_workspace(organization):
        return [(j.kind, j.format, j.params) for j in ExportJob.objects.order_by("pk")]


# A valid request for each money export, as its page's buttons send it.
VALID = {
    "sales_profit": SALES,
    "cost_of_goods": {"start": "2026-01-01", "end": "2026-01-31"},
    "valuation": {"on": "2026-01-31"},
    "year_end": {"year": "2026"},
    "purchases": {"start": "2026-01-01", "end": "2026-12-31"},
}
for _kind in ("cost_of_goods", "valuation", "year_end", "purchases"):
    VALID[_kind] = {f"{_kind}-{name}": value for name, value in VALID[_kind].items()}
    VALID[_kind][f"{_kind}-format"] = "csv"


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_owners_and_admins_export_money_reports(pro_a, in_workspace, role):
    client = workspace_client(make_member(pro_a, role), pro_a)
    for kind, data in VALID.items():
        assert client.post(f"/reports/exports/{kind}/", data).status_code == 302, kind
    jobs = _jobs(pro_a, in_workspace)
    assert [kind for kind, _, _ in jobs] == list(VALID)
    assert jobs[0] == (
        "sales_profit",
        "xlsx",
        {"start": "2026-01-01", "end": "2026-01-31", "tz": "UTC"},
    )
    assert jobs[3] == ("year_end", "csv", {"year": 2026, "tz": "UTC"})


@pytest.mark.parametrize("role", ["production", "viewer"])
def test_roles_without_money_reports_may_not_export_them(pro_a, in_workspace, role):
    client = workspace_client(make_member(pro_a, role), pro_a)
    for kind, data in VALID.items():
        response = client.post(f"/reports/exports/{kind}/", data)
        assert response.status_code == 403, kind
        assert "You do not have permission to" in page_text(response)
    assert _jobs(pro_a, in_workspace) == []


def test_the_plan_must_include_the_report_as_for_its_page(org_a, in_workspace):
    on_tier(org_a, "maker")  # exports and sales reports, not the books reports
    client = workspace_client(make_member(org_a, "owner"), org_a)
    refused = client.post("/reports/exports/year_end/", YEAR_END)
    assert refused.status_code == 403
    assert "Your plan doesn't include this report" in page_text(refused)
    assert client.post("/reports/exports/sales_profit/", SALES).status_code == 302
    assert [kind for kind, _, _ in _jobs(org_a, in_workspace)] == ["sales_profit"]
    cards = page_text(client.get("/reports/"))
    assert 'action="/reports/exports/sales_profit/"' in cards
    assert 'action="/reports/exports/year_end/"' not in cards


def test_download_is_refused_once_the_plan_drops_the_report(pro_a, in_workspace):
    from tests.reports.helpers import export_now

    with in_workspace(pro_a):
        job = export_now("valuation", "csv", {"on": "2026-01-31"})
    client = workspace_client(make_member(pro_a, "owner"), pro_a)
    assert client.get(f"/reports/exports/job/{job.pk}/download/").status_code == 200
    on_tier(pro_a, "maker")
    assert client.get(f"/reports/exports/job/{job.pk}/download/").status_code == 403


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("year_end", {"year_end-year": "1999"}, "Choose a year from 2000 to 2100."),
        ("year_end", {"year_end-year": "next"}, "Enter a year, such as 2026."),
        ("valuation", {"valuation-on": "2026-02-30"}, "Enter a valid date."),
        ("valuation", {"valuation-on": "1850-01-01"}, "Choose a date from the year 2000 to 2100."),
        (
            "cost_of_goods",
            {"cost_of_goods-start": "2026-03-01", "cost_of_goods-end": "2026-01-01"},
            "The end date must be on or after the start date.",
        ),
        (
            "purchases",
            {"purchases-start": "2026-01-01", "purchases-end": "9999-12-31"},
            "Choose a date from the year 2000 to 2100.",
        ),
    ],
)
def test_bad_parameters_are_a_plain_error_and_queue_nothing(
    pro_a, in_workspace, kind, data, message
):
    client = workspace_client(make_member(pro_a, "owner"), pro_a)
    response = client.post(f"/reports/exports/{kind}/", {f"{kind}-format": "csv", **data})
    assert response.status_code == 400
    assert message in page_text(response)
    assert _jobs(pro_a, in_workspace) == []


def test_pdf_only_where_declared(pro_a, in_workspace):
    client = workspace_client(make_member(pro_a, "owner"), pro_a)
    data = {"valuation-format": "pdf", "valuation-on": "2026-01-31"}
    assert client.post("/reports/exports/valuation/", data).status_code == 400
    assert _jobs(pro_a, in_workspace) == []


@pytest.mark.parametrize(
    ("path", "kind", "hidden", "formats"),
    [
        (
            "/sales/reports/sales/?start=2026-01-01&end=2026-01-31",
            "sales_profit",
            {"start": "2026-01-01", "end": "2026-01-31"},
            ["csv", "xlsx", "pdf"],
        ),
        (
            "/sales/reports/cost-of-goods/?start=2026-02-01&end=2026-02-28",
            "cost_of_goods",
            {"start": "2026-02-01", "end": "2026-02-28"},
            ["csv", "xlsx"],
        ),
        ("/sales/reports/valuation/?on=2025-12-31", "valuation", {"on": "2025-12-31"}, None),
        ("/sales/reports/year-end/?year=2025", "year_end", {"year": "2025"}, None),
        (
            "/purchasing/purchases/?start=2026-01-01&end=2026-03-31",
            "purchases",
            {"start": "2026-01-01", "end": "2026-03-31"},
            None,
        ),
    ],
)
def test_each_report_page_exports_what_it_shows(pro_a, path, kind, hidden, formats):
    page = workspace_client(make_member(pro_a, "admin"), pro_a).get(path).content.decode()
    assert f'action="/reports/exports/{kind}/"' in page
    for name, value in hidden.items():
        assert f'name="{kind}-{name}" value="{value}"' in page
    for fmt in formats or ["csv", "xlsx"]:
        assert f'name="{kind}-format" value="{fmt}"' in page


def test_no_export_control_without_exports_in_the_plan(org_a):
    page = workspace_client(make_member(org_a, "owner"), org_a).get("/purchasing/purchases/")
    assert page.status_code == 200
    assert "/reports/exports/purchases/" not in page.content.decode()


@pytest.mark.parametrize("role", ["production", "viewer"])
def test_roles_without_money_reports_do_not_see_money_export_jobs(pro_a, role):
    owner = workspace_client(make_member(pro_a, "owner"), pro_a)
    assert owner.post("/reports/exports/year_end/", VALID["year_end"]).status_code == 302
    assert owner.post("/reports/exports/items/", {"items-format": "csv"}).status_code == 302
    with tenant_context(pro_a):
        money, items = ExportJob.objects.order_by("pk")
    member = workspace_client(make_member(pro_a, role), pro_a)
    listed = page_text(member.get("/reports/"))
    assert f"/reports/exports/job/{items.pk}/" in listed
    assert f"/reports/exports/job/{money.pk}/" not in listed
    assert member.get(f"/reports/exports/job/{money.pk}/").status_code == 404
    assert member.get(f"/reports/exports/job/{items.pk}/").status_code == 200
    assert f"/reports/exports/job/{money.pk}/" in page_text(owner.get("/reports/"))
