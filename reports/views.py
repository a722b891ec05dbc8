"""The reports page, export requests, their progress and their download.

Rights: the page and a job's progress need `reports.view` (every role); requesting an export and
downloading its file need `reports.export` (owner, admin, production; a tier feature too), plus the
permission of what is exported (`traceability.view` for the recall report, itself a tier feature).
Viewers see the page and the jobs but can't start or download exports.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from batchtrack.ratelimits import rate_limited
from batchtrack.view_helpers import found_or_404
from reports import selectors
from reports.exports.kinds import KINDS, ExportKind
from reports.exports.writers import CONTENT_TYPES
from reports.forms import FORMAT_LABELS
from reports.models import ExportJob, JobStatus
from reports.services import download_name, request_export
from tenants.access import permission_required, request_can
from tenants.roles import PERMISSIONS


def _may_export(request, kind: ExportKind) -> bool:
    return request_can(request, "reports.export") and (
        kind.permission is None or request_can(request, kind.permission)
    )


def _require_kind_permission(request, kind: ExportKind) -> None:
    if kind.permission and not request_can(request, kind.permission):
        raise PermissionDenied(
            f"You do not have permission to {PERMISSIONS[kind.permission].lower()}."
        )


def _labelled(jobs: list[ExportJob]) -> list[ExportJob]:
    """Give each job the words its row shows: export name, file type, who asked."""
    emails = selectors.requester_emails(jobs)
    for job in jobs:
        kind = KINDS.get(job.kind)
        job.label = kind.label if kind else job.kind
        job.format_label = FORMAT_LABELS.get(job.format, job.format)
        job.requested_by_email = emails.get(job.requested_by_id, "")
    return jobs


def _render_index(request, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    cards = [
        {
            "kind": kind,
            "form": bound.get(kind.key) or kind.form_class(prefix=kind.key),
            "allowed": _may_export(request, kind),
        }
        for kind in KINDS.values()
    ]
    return render(
        request,
        "reports/index.html",
        {
            "cards": cards,
            "jobs": _labelled(selectors.recent_exports()),
            "may_export": request_can(request, "reports.export"),
            "may_import": request_can(request, "inventory.edit")
            and request_can(request, "inventory.receive"),
        },
        status=status,
    )


@permission_required("reports.view")
def index(request):
    return _render_index(request)


@require_POST
@permission_required("reports.export")
@rate_limited("exports")
def export_start(request, kind: str):
    export_kind = KINDS.get(kind)
    if export_kind is None:
        raise Http404("No such export")
    _require_kind_permission(request, export_kind)
    form = export_kind.form_class(request.POST, prefix=export_kind.key)
    if not form.is_valid():
        return _render_index(request, bound={export_kind.key: form}, status=400)
    job = request_export(
        kind=export_kind.key,
        fmt=form.cleaned_data["format"],
        params=form.params(),
        requested_by_id=request.user.pk,
        zone_name=timezone.get_current_timezone_name(),
    )
    return redirect("reports:export_job", pk=job.pk)


@permission_required("reports.view")
def export_job(request, pk: int):
    """The job's page; htmx asks for its status partial every second until the job finishes."""
    job = _labelled([found_or_404(selectors.export_job, "export", pk)])[0]
    kind = KINDS.get(job.kind)
    context = {"job": job, "may_download": kind is not None and _may_export(request, kind)}
    template = "reports/partials/export_status.html" if request.htmx else "reports/export_job.html"
    return render(request, template, context)


@permission_required("reports.export")
def export_download(request, pk: int):
    """Stream the file of a finished export (never a public media URL)."""
    job = found_or_404(selectors.export_job, "export", pk)
    kind = KINDS.get(job.kind)
    if job.status != JobStatus.DONE or not job.file or kind is None:
        raise Http404("This export has no file")
    _require_kind_permission(request, kind)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404("This export's file is gone")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(job),
        content_type=CONTENT_TYPES[job.format],
    )
    response["Cache-Control"] = "private, no-store"
    return response
