"""Find anything: the results of the navigation's search box, grouped by kind (workspace.selectors
.search does the searching; each kind shows only to members who may see it)."""

from __future__ import annotations

from django.shortcuts import render

from batchtrack.access import permission_required, request_can
from workspace.forms import FindForm
from workspace.selectors.search import KINDS, find_anything


@permission_required("workspace.view")
def search(request):
    query = FindForm(request.GET).values["q"]
    allowed = {
        permission for _k, _l, permission, _f, _u in KINDS if request_can(request, permission)
    }
    results = find_anything(query, allowed=allowed)
    return render(
        request, "workspace/search.html", {"q": query, "find_query": query, "results": results}
    )
