"""Loading the sample data: queue it (owners and admins), then watch its progress (htmx polls the
status every second until it is done)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from workspace.models import SampleDataJob
from workspace.services import request_sample_data


@require_POST
@permission_required("settings.manage")
def sample_data_start(request):
    job = request_sample_data(requested_by_id=request.user.pk)
    return redirect("guide:sample_data_job", pk=job.pk)


@permission_required("workspace.view")
def sample_data_job(request, pk: int):
    job = SampleDataJob.objects.filter(pk=pk).first()
    if job is None:
        raise Http404("No such sample-data load")
    template = (
        "workspace/partials/sample_data_status.html"
        if request.htmx
        else "workspace/sample_data.html"
    )
    return render(request, template, {"job": job})
