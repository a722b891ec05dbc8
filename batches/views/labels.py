"""Labels of a finished batch: the page (preview, net quantity, how many), the PDF sheet, the
workspace's public-record switch, and the public batch record the labels' QR code opens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from batches import label_data, selectors
from batches.models import Batch
from batches.services import set_public_records
from batchtrack.access import permission_required
from batchtrack.view_helpers import found_or_404
from reports.exports.label_pdf import MAX_LABELS, LabelFontMissing, label_sheet_pdf


def _finished(request, pk: int) -> Batch | None:
    batch = found_or_404(selectors.batch_record, "batch", pk)
    if batch.status != Batch.Status.FINISHED:
        messages.error(request, "Labels are made from a finished batch; finish it first.")
        return None
    return batch


def _choices(request, label) -> tuple[str, int]:
    net = (request.GET.get("net") or label.net_quantity).strip()[:40]
    try:
        count = max(1, min(int(request.GET.get("count") or 8), MAX_LABELS))
    except ValueError:
        count = 8
    return net, count


def _qr_url(request, batch: Batch) -> str | None:
    if not label_data.public_records_on():
        return None
    path = reverse("public_batch", args=[label_data.public_token(batch)])
    return request.build_absolute_uri(path)


@permission_required("batches.view")
def batch_label(request, pk: int):
    batch = _finished(request, pk)
    if batch is None:
        return redirect("batches:detail", pk=pk)
    label = label_data.label_for(batch)
    net, count = _choices(request, label)
    return render(
        request,
        "batches/batch_label.html",
        {
            "batch": batch,
            "label": label,
            "net": net,
            "count": count,
            "max_labels": MAX_LABELS,
            "qr_url": _qr_url(request, batch),
            "public_records": label_data.public_records_on(),
        },
    )


@permission_required("batches.view")
def batch_label_pdf(request, pk: int):
    batch = _finished(request, pk)
    if batch is None:
        return redirect("batches:detail", pk=pk)
    label = label_data.label_for(batch)
    net, count = _choices(request, label)
    best_before = label.best_before.date().isoformat() if label.best_before else ""
    try:
        pdf = label_sheet_pdf(
            label=label,
            count=count,
            net_quantity=net,
            qr_url=_qr_url(request, batch),
            best_before=best_before,
        )
    except LabelFontMissing as exc:
        messages.error(request, str(exc))
        return redirect("batches:label", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{batch.code}.pdf"'
    return response


@require_POST
@permission_required("settings.manage")
def label_settings(request):
    enabled = request.POST.get("public_records") == "on"
    set_public_records(enabled=enabled)
    messages.success(
        request,
        "Labels now carry a QR code to the batch's public record."
        if enabled
        else "Batch records are private again; labels have no QR code.",
    )
    back = request.POST.get("batch")
    if back and back.isdigit():
        return redirect("batches:label", pk=int(back))
    return redirect("batches:list")


def public_batch_record(request, token: str):
    """Open to anyone with the link, only while the workspace publishes batch records."""
    batch = found_or_404(label_data.batch_from_token, "batch record", token)
    return render(
        request,
        "batches/public_record.html",
        {"batch": batch, "label": label_data.label_for(batch)},
    )
