"""Reorder help (a shopping list grouped by supplier, to print or download) and purchases by
supplier and period (a money report: owners and admins). Downloads are CSV through reports' table
writer, so every cell is exact and formula-safe like every other export; they need the plan's
exports feature (`reports.export`). The purchases report also exports as CSV or Excel through the
export jobs (its page's buttons); the instant CSV writes the same table
(reports.exports.money_tables.purchases_table)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from batchtrack.access import permission_required, request_can
from purchasing import charts, selectors
from purchasing.forms import PeriodForm
from reports.access import export_control
from reports.exports.money_tables import purchases_table
from reports.exports.table import Table
from reports.exports.writers import CONTENT_TYPES, write_table
from sales.periods import books_zone


def _csv(table: Table, filename: str) -> HttpResponse:
    zone = timezone.get_current_timezone()
    response = HttpResponse(write_table(table, "csv", zone=zone), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _exports_refused(request, where: str):
    """For a money report's download: the role may export but the plan has no exports."""
    messages.info(
        request,
        "Downloading this as a spreadsheet comes with a plan that includes exports (see Billing). "
        "You can still print the page.",
    )
    return redirect(where)


@permission_required("purchasing.view")
def reorder(request):
    return render(
        request,
        "purchasing/reorder.html",
        {"groups": selectors.shopping_list(), "may_export": request_can(request, "reports.export")},
    )


# Every role with reports.export (role and plan) may see the shopping list (purchasing.view).
@permission_required("reports.export")
def reorder_csv(request):
    rows = [
        [
            group.supplier.name if group.supplier else "",
            line.item.name,
            line.buy,
            line.buy_unit,
            line.to_order,
            line.item.stock_unit,
            line.free,
            line.threshold,
            line.planned,
        ]
        for group in selectors.shopping_list()
        for line in group.lines
    ]
    table = Table(
        title="Shopping list",
        headers=[
            "Supplier",
            "Item",
            "Buy",
            "Buy unit",
            "Needed (stock unit)",
            "Stock unit",
            "Free now",
            "Low-stock threshold",
            "Planned batches need",
        ],
        rows=iter(rows),
        total=len(rows),
    )
    return _csv(table, f"shopping-list-{timezone.localdate():%Y-%m-%d}.csv")


@permission_required("reports.money")
def purchases(request):
    period = PeriodForm(request.GET)
    start, end = period.period()
    report = selectors.purchases_by_supplier(start=start, end=end, zone=books_zone(request.tenant))
    days = {"start": start.isoformat(), "end": end.isoformat()}
    return render(
        request,
        "purchasing/purchases.html",
        {
            "period": period,
            "start": start,
            "end": end,
            "report": report,
            "chart": charts.spend_by_supplier(report),
            "may_export": request_can(request, "reports.export"),
            "export": export_control(request, "purchases", days),
        },
    )


@permission_required("reports.money")
def purchases_csv(request):
    """The report's CSV at once (small enough not to need a job): the table its export job writes."""
    if not request_can(request, "reports.export"):
        return _exports_refused(request, "purchasing:purchases")
    start, end = PeriodForm(request.GET).period()
    table = purchases_table(start=start, end=end)
    return _csv(table, f"purchases-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.csv")
