"""The workspace's activity log: who changed members, roles, invitations, billing, and when."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from batchtrack.access import permission_required
from batchtrack.query_forms import page_number
from tenants.audit import action_label, audit_events_for

PAGE_SIZE = 50


@permission_required("audit.view")
def activity_list(request):
    page = Paginator(audit_events_for(request.tenant), PAGE_SIZE).get_page(page_number(request.GET))
    rows = [(event, action_label(event.action)) for event in page.object_list]
    return render(request, "tenants/activity.html", {"page": page, "rows": rows})
