"""The workspace's home: what needs the maker today, each with its next action one click away, the
first-run checklist until it is done (and once that it is), how the business is doing (stock still
curing, the week's and month's sales and profit) and what the stock is worth. Reads through
workspace.selectors (a fixed number of queries, pinned by tests/ui)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from batchtrack.access import permission_required, request_can
from batchtrack.reads import run_together
from notifications.zones import workspace_zone
from sales.selectors import recent_sales_read
from workspace import charts
from workspace.selectors.dashboard import EXPIRING_DAYS, today, value_by_kind
from workspace.selectors.onboarding import checklist_read
from workspace.selectors.progress import reports_preview
from workspace.services import note_checklist_done_seen


@permission_required("workspace.view")
def dashboard(request):
    may_inventory = request_can(request, "inventory.view")
    may_batches = request_can(request, "batches.view")
    may_products = request_can(request, "products.view")
    now = timezone.now()
    may_money = request_can(request, "reports.money")
    # The checklist and the week's and month's sales: one statement.
    if may_money:
        onboarding, sales = run_together(
            checklist_read(user_id=request.user.pk),
            recent_sales_read(now=now, zone=workspace_zone(request.tenant)),
        )
    else:
        onboarding = checklist_read(user_id=request.user.pk).run()
    # Only for members who can take a step of it (a viewer can't add or sell anything).
    takes_steps = any(request_can(request, step.permission) for step in onboarding.steps)
    context = {
        "today": today(
            now=now, inventory=may_inventory, batches=may_batches, products=may_products
        ),
        "checklist": onboarding,
        "show_checklist": takes_steps and not onboarding.complete,
        "checklist_just_done": takes_steps and onboarding.complete and not onboarding.seen_done,
        "expiring_days": EXPIRING_DAYS,
        "now": now,
        "may_inventory": may_inventory,
        "may_batches": may_batches,
    }
    if context["checklist_just_done"]:
        note_checklist_done_seen(user_id=request.user.pk, now=now)
    if may_money:
        # Every plan shows these figures; the reports behind them are tiered (billing.tiers).
        context["sales"] = sales
        context["reports_preview"] = reports_preview(request.tenant)
    if may_inventory and onboarding.steps[1].done:
        context["value_chart"] = charts.inventory_value(value_by_kind())
    return render(request, "workspace/dashboard.html", context)
