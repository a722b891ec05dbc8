"""The reports pages: exports (the reports page, export requests, their progress and their
download) and imports (upload -> dry-run preview -> confirm -> progress).

Rights: the page and a job's progress need `reports.view` (every role); requesting an export and
downloading its file need `reports.export` (owner, admin, production; a tier feature too), plus the
permission of what is exported (`traceability.view` for the recall report, itself a tier feature;
`reports.money` and the plan's report for a money report: reports.access).
Viewers see the page and the jobs but can't start or download exports.

An import creates items and receives stock, so it needs both `inventory.edit` (the decorator) and
`inventory.receive` (checked inside); every role with one has the other today.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required, request_can
from batchtrack.ratelimits import rate_limited
from batchtrack.view_helpers import found_or_404
from reports import selectors
from reports.access import hidden_kinds, may_export, require_export_rights
from reports.errors import ImportNotReady, ImportRefused
from reports.exports.kinds import KINDS
from reports.exports.writers import CONTENT_TYPES
from reports.forms import FORMAT_LABELS, ImportUploadForm
from reports.imports.reading import COLUMNS, MAX_BYTES, MAX_ROWS
from reports.imports.uploads import SizeLimitedUploadHandler
from reports.models import ExportJob, JobStatus
from reports.services import confirm_import, download_name, preview_import, request_export
from tenants.roles import PERMISSIONS

# --- Exports --------------------------------------------------------------------------------------


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
            "allowed": may_export(request, kind),
        }
        for kind in KINDS.values()
    ]
    return render(
        request,
        "reports/index.html",
        {
            "cards": cards,
            "jobs": _labelled(selectors.recent_exports(hidden_kinds=hidden_kinds(request))),
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
    require_export_rights(request, export_kind)
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
    hidden = hidden_kinds(request)
    job = _labelled([found_or_404(selectors.export_job, "export", pk, hidden_kinds=hidden)])[0]
    kind = KINDS.get(job.kind)
    context = {"job": job, "may_download": kind is not None and may_export(request, kind)}
    template = "reports/partials/export_status.html" if request.htmx else "reports/export_job.html"
    return render(request, template, context)


@permission_required("reports.export")
def export_download(request, pk: int):
    """Stream the file of a finished export (never a public media URL)."""
    job = found_or_404(selectors.export_job, "export", pk)
    kind = KINDS.get(job.kind)
    if job.status != JobStatus.DONE or not job.file or kind is None:
        raise Http404("This export has no file")
    require_export_rights(request, kind)
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


# --- Imports --------------------------------------------------------------------------------------

# Errors and rows shown on the preview page; the rest are counted.
SHOWN = 200
# Room for the multipart envelope around a file of MAX_BYTES.
_ENVELOPE = 64 * 1024

EXAMPLE = [
    [
        "Olive oil",
        "ingredient",
        "g",
        "0.91",
        "730",
        "500",
        "2",
        "l",
        "9.80",
        "Oleo Ltd",
        "OL-2291",
        "2027-03-31",
    ],
    ["4 oz tin", "container", "each", "", "", "50", "120", "each", "0.45", "TinCo", "", ""],
]


def _require_receive(request) -> None:
    if not request_can(request, "inventory.receive"):
        raise PermissionDenied(
            f"You do not have permission to {PERMISSIONS['inventory.receive'].lower()}."
        )


def _render_start(request, form: ImportUploadForm, status: int = 200, refusal: str = ""):
    return render(
        request,
        "reports/import_start.html",
        {
            "form": form,
            "refusal": refusal,
            "imports": selectors.recent_imports(),
            "columns": list(COLUMNS.values()),
            "max_mb": MAX_BYTES // 1024 // 1024,
            "max_rows": MAX_ROWS,
        },
        status=status,
    )


@permission_required("inventory.edit")
@csrf_exempt  # CSRF is checked in _upload, after the size-limiting upload handler is in place
def import_start(request):
    _require_receive(request)
    if request.method != "POST":
        return _render_start(request, ImportUploadForm())
    # Refuse an oversized upload from its declared length, before a byte of the body is read.
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BYTES + _ENVELOPE:
        return _render_start(request, ImportUploadForm(), status=400, refusal=_too_large())
    limiter = SizeLimitedUploadHandler(request)
    request.upload_handlers.insert(0, limiter)
    return _upload(request, limiter)


def _too_large() -> str:
    return (
        f"The file is larger than {MAX_BYTES // 1024 // 1024} MB, the most an import can be. "
        "Split it into smaller files."
    )


@csrf_protect
def _upload(request, limiter: SizeLimitedUploadHandler):
    form = ImportUploadForm(request.POST, request.FILES)
    if limiter.too_large:
        return _render_start(request, ImportUploadForm(), status=400, refusal=_too_large())
    if not form.is_valid():
        return _render_start(request, form, status=400)
    try:
        job = preview_import(
            organization=request.tenant,
            upload=form.cleaned_data["file"],
            requested_by_id=request.user.pk,
            zone_name=timezone.get_current_timezone_name(),
        )
    except ImportRefused as exc:
        form.add_error("file", exc.message)
        return _render_start(request, form, status=400)
    return redirect("reports:import_detail", pk=job.pk)


@permission_required("inventory.edit")
def import_detail(request, pk: int):
    """The dry-run report, the confirm button, then the import's progress (polled by htmx)."""
    _require_receive(request)
    job = found_or_404(selectors.import_job, "import", pk)
    errors = [message for entry in job.report for message in entry["errors"]]
    context = {
        "job": job,
        "progress": job.progress if job.is_running else 0,
        "errors": errors[:SHOWN],
        "more_errors": max(0, len(errors) - SHOWN),
        "rows": job.report[:SHOWN],
        "more_rows": max(0, len(job.report) - SHOWN),
    }
    template = (
        "reports/partials/import_status.html" if request.htmx else "reports/import_detail.html"
    )
    return render(request, template, context)


@require_POST
@permission_required("inventory.edit")
def import_confirm(request, pk: int):
    _require_receive(request)
    job = found_or_404(selectors.import_job, "import", pk)
    try:
        confirm_import(
            job_id=job.pk,
            actor_id=request.user.pk,
            zone_name=timezone.get_current_timezone_name(),
        )
    except ImportNotReady as exc:
        messages.error(request, exc.message)
    return redirect("reports:import_detail", pk=job.pk)


@permission_required("inventory.edit")
def import_template(request):
    """A CSV with every column and two example rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS.values())
    writer.writerows(EXAMPLE)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="batchtrack-items-import.csv"'
    return response
