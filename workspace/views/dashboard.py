"""The workspace's home: what needs the maker today, each with its next action one click away, the
first-run checklist until it is done, and what the stock is worth. Reads through workspace.selectors
(a fixed number of queries, pinned by tests/ui)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from batchtrack.access import permission_required, request_can
from notifications.zones import workspace_zone
from sales.selectors import month_to_date
from workspace import charts
from workspace.selectors.dashboard import EXPIRING_DAYS, today, value_by_kind
from workspace.selectors.onboarding import checklist


@permission_required("workspace.view")
def dashboard(request):
    may_inventory = request_can(request, "inventory.view")
    may_batches = request_can(request, "batches.view")
    may_products = request_can(request, "products.view")
    now = timezone.now()
    onboarding = checklist()
    context = {
        "today": today(
            now=now, inventory=may_inventory, batches=may_batches, products=may_products
        ),
        "checklist": onboarding,
        # Only for members who can take a step of it (a viewer can't add or sell anything).
        "show_checklist": not onboarding.complete
        and any(request_can(request, step.permission) for step in onboarding.steps),
        "expiring_days": EXPIRING_DAYS,
        "now": now,
        "may_inventory": may_inventory,
        "may_batches": may_batches,
    }
    if request_can(request, "reports.money"):
        # Every plan shows this month's sales and profit (billing.tiers: the reports are tiered).
        context["month_sales"] = month_to_date(now=now, zone=workspace_zone(request.tenant))
    if may_inventory and onboarding.steps[1].done:
        context["value_chart"] = charts.inventory_value(value_by_kind())
    return render(request, "workspace/dashboard.html", context)
