from __future__ import annotations

from django.shortcuts import render

from tenants.access import permission_required


@permission_required("workspace.view")
def dashboard(request):
    return render(request, "tenants/dashboard.html")
