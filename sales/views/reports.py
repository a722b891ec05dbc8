"""The money reports: sales and gross profit, cost of goods traced to lots, inventory valuation on a
date, and the year-end summary (Schedule C, Part III) with each figure's detail.

Rights: `reports.money` (owners and admins). Which plan includes which report is declared in
billing.tiers.REPORT_FEATURES; on a plan without it the page says which plan has it. Dates are counted
in the workspace's time zone, so every member sees the same books."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import render

from batchtrack.access import permission_required, request_can
from billing.gates import includes_report
from billing.tiers import REPORT_FEATURES, cheapest_tier_with
from reports.access import export_control
from sales import charts, selectors
from sales.forms import AsOfForm, DateRangeForm, YearForm
from sales.periods import books_zone, end_of_day, report_bounds
from sales.selectors.year_end import GROUPS, group_movements

DETAIL_SHOWN = 500


def _gated(request, report: str, title: str):
    """The upgrade page when the workspace's plan doesn't include `report`, else None."""
    if includes_report(request.tenant, report):
        return None
    tier = cheapest_tier_with(REPORT_FEATURES[report])
    return render(
        request,
        "sales/report_upgrade.html",
        {"title": title, "tier": tier, "may_billing": request_can(request, "billing.manage")},
    )


def _context(request, report: str, export: dict | None = None, **extra) -> dict:
    """`export`: the parameters of the page's export control (None: the page has none)."""
    return {
        "report": report,
        "export": None if export is None else export_control(request, report, export),
        "zone": books_zone(request.tenant),
        **extra,
    }


def _days(start_day: date, end_day: date) -> dict:
    return {"start": start_day.isoformat(), "end": end_day.isoformat()}


@permission_required("reports.money")
def report_index(request):
    plan = {key: includes_report(request.tenant, key) for key in REPORT_FEATURES}
    return render(request, "sales/report_index.html", {"included": plan})


@permission_required("reports.money")
def sales_report(request):
    gated = _gated(request, "sales_profit", "Sales and profit")
    if gated:
        return gated
    start_day, end_day = DateRangeForm(request.GET).chosen()
    start, end = report_bounds(start_day, end_day, request.tenant)
    report = selectors.sales_and_profit(start=start, end=end, zone=books_zone(request.tenant))
    return render(
        request,
        "sales/report_sales.html",
        _context(
            request,
            "sales_profit",
            _days(start_day, end_day),
            start_day=start_day,
            end_day=end_day,
            profit=report,
            skus=selectors.by_sku(report),
            chart=charts.profit_by_month(report),
        ),
    )


@permission_required("reports.money")
def cogs_report(request):
    gated = _gated(request, "cost_of_goods", "Cost of goods")
    if gated:
        return gated
    start_day, end_day = DateRangeForm(request.GET).chosen()
    start, end = report_bounds(start_day, end_day, request.tenant)
    return render(
        request,
        "sales/report_cogs.html",
        _context(
            request,
            "cost_of_goods",
            _days(start_day, end_day),
            start_day=start_day,
            end_day=end_day,
            cogs=selectors.cost_of_goods(start=start, end=end),
        ),
    )


@permission_required("reports.money")
def valuation_report(request):
    gated = _gated(request, "valuation", "Inventory valuation")
    if gated:
        return gated
    day = AsOfForm(request.GET).chosen()
    valuation = selectors.valuation_as_of(at=end_of_day(day, request.tenant))
    return render(
        request,
        "sales/report_valuation.html",
        _context(
            request,
            "valuation",
            {"on": day.isoformat()},
            day=day,
            valuation=valuation,
            chart=charts.valuation_by_kind(valuation, day),
        ),
    )


@permission_required("reports.money")
def year_end_report(request):
    gated = _gated(request, "year_end", "Year-end summary")
    if gated:
        return gated
    year = YearForm(request.GET).chosen()
    schedule = selectors.schedule_c(year=year, zone=books_zone(request.tenant))
    return render(
        request,
        "sales/report_year_end.html",
        _context(
            request,
            "year_end",
            {"year": year},
            schedule=schedule,
            last_day=date(year, 12, 31),
            opening_day=date(year, 1, 1) - timedelta(days=1),
        ),
    )


@permission_required("reports.money")
def year_end_detail(request, year: int, group: str):
    """The movements behind one figure of the year-end summary."""
    if group not in GROUPS or not 2000 <= year <= 2100:
        raise Http404("No such figure")
    gated = _gated(request, "year_end", "Year-end summary")
    if gated:
        return gated
    start, end = report_bounds(date(year, 1, 1), date(year, 12, 31), request.tenant)
    rows = group_movements(group=group, start=start, end=end)
    shown = list(
        rows.select_related("item", "lot").order_by("created_at", "id")[: DETAIL_SHOWN + 1]
    )
    return render(
        request,
        "sales/report_year_end_detail.html",
        _context(
            request,
            "year_end",
            year=year,
            group=group,
            movements=shown[:DETAIL_SHOWN],
            more=len(shown) > DETAIL_SHOWN,
        ),
    )
