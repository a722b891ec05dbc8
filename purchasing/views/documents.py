"""Documents of a supplier, an item or a lot: the list with the upload form, the upload itself (size
limited while it streams in), the download (streamed to members only) and removal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required, request_can
from batchtrack.view_helpers import found_or_404
from purchasing import file_rules, selectors
from purchasing.errors import DocumentRefused
from purchasing.forms import DocumentForm
from purchasing.services import SUBJECTS, Subject, attach_document, remove_document
from reports.imports.uploads import SizeLimitedUploadHandler

# Room for the multipart envelope (other fields, boundaries) around a file of MAX_BYTES.
_ENVELOPE = 64 * 1024


def _subject_or_404(kind: str, pk: int):
    model = SUBJECTS.get(kind)
    if model is None:
        raise Http404("No such kind of document owner")
    try:
        return model.objects.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404(f"No such {kind}") from None


def _back(kind: str, pk: int) -> str:
    if kind == "supplier":
        return reverse("purchasing:supplier", args=[pk])
    return reverse("purchasing:documents", args=[kind, pk])


def _render(request, kind: str, owner, form: DocumentForm | None, status: int = 200):
    return render(
        request,
        "purchasing/documents.html",
        {
            "subject": kind,
            "owner": owner,
            "documents": selectors.documents_of(kind=kind, pk=owner.pk),
            "document_form": form,
            "receipt": selectors.receipt_of_lot(owner.pk) if kind == "lot" else None,
        },
        status=status,
    )


@permission_required("purchasing.view")
def document_list(request, kind: str, pk: int):
    owner = _subject_or_404(kind, pk)
    form = DocumentForm() if request_can(request, "purchasing.edit") else None
    return _render(request, kind, owner, form)


@permission_required("purchasing.edit")
@csrf_exempt  # CSRF is checked in _upload, after the size-limiting upload handler is in place
def document_attach(request, kind: str, pk: int):
    owner = _subject_or_404(kind, pk)
    if request.method != "POST":
        return redirect(_back(kind, pk))
    # Refuse an oversized upload from its declared length, before a byte of the body is read.
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > file_rules.MAX_BYTES + _ENVELOPE:
        return _refused(request, kind, owner, DocumentForm(), _too_large())
    limiter = SizeLimitedUploadHandler(request, limit=file_rules.MAX_BYTES)
    request.upload_handlers.insert(0, limiter)
    return _upload(request, kind, owner, limiter)


def _too_large() -> str:
    return (
        f"The file is larger than {file_rules.MAX_MB} MB, the most a document can be. Save a "
        f"smaller copy (for example a PDF with smaller pictures) and attach that."
    )


def _refused(request, kind, owner, form: DocumentForm, message: str):
    form.add_error("file" if form.is_bound else None, message)
    return _render(request, kind, owner, form, status=400)


@csrf_protect
def _upload(request, kind: str, owner, limiter: SizeLimitedUploadHandler):
    form = DocumentForm(request.POST, request.FILES)
    if limiter.too_large:
        return _refused(request, kind, owner, DocumentForm(), _too_large())
    if not form.is_valid():
        return _render(request, kind, owner, form, status=400)
    try:
        document = attach_document(
            subject=Subject(kind, owner.pk),
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            actor_id=request.user.pk,
        )
    except DocumentRefused as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render(request, kind, owner, form, status=400)
    messages.success(request, f"Attached {document.title}.")
    return redirect(_back(kind, owner.pk))


def _owner_of(document) -> tuple[str, int]:
    for kind in SUBJECTS:
        pk = getattr(document, f"{kind}_id")
        if pk is not None:
            return kind, pk
    raise Http404("This document belongs to nothing")


@permission_required("purchasing.view")
def document_download(request, pk: int):
    """Stream the file to a member (never a public media URL); always as a download."""
    document = _found(pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("This document's file is gone") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _found(pk: int):
    return found_or_404(selectors.document, "document", pk)


@require_POST
@permission_required("purchasing.edit")
def document_remove(request, pk: int):
    document = _found(pk)
    kind, owner_pk = _owner_of(document)
    remove_document(document=document)
    messages.success(request, f"Removed {document.title}.")
    return redirect(_back(kind, owner_pk))
