"""Documents: stored through the documents storage, streamed only to members, size- and type-checked
with a plain error naming the file."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from purchasing import file_rules
from purchasing.errors import DocumentRefused
from purchasing.models import Document
from purchasing.services import Subject, attach_document, remove_document
from tests.conftest import make_member, page_text, workspace_client
from tests.purchasing.conftest import PDF, books
from tests.recipes.factories import make_item, stock


def _upload(name="coa.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


def test_attach_keeps_the_file_under_the_workspace(oleo, org_a):
    document = attach_document(
        subject=Subject("supplier", oleo.pk), kind="invoice", upload=_upload("INV 7.pdf")
    )
    assert (document.title, document.original_name, document.content_type, document.size) == (
        "INV 7.pdf",
        "INV 7.pdf",
        "application/pdf",
        len(PDF),
    )
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert default_storage.path(document.file.name).split("/")[-3] == org_a.schema_name
    assert document.file.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "setup.exe",
            b"MZ\x90\x00",
            "setup.exe isn't a PDF or a picture (PNG, JPEG or WebP), so it can't be kept here.",
        ),
        (
            "invoice.pdf",
            b"MZ\x90\x00 not a pdf",
            "invoice.pdf isn't a PDF or a picture (PNG, JPEG or WebP), so it can't be kept here.",
        ),
        (
            "label.png",
            b"\xff\xd8\xff\xe0 jpeg",
            "label.png is named like a PNG picture but is a JPEG picture.",
        ),
        ("empty.pdf", b"", "empty.pdf is empty. Choose the file again."),
    ],
)
def test_a_refused_file_is_named_and_nothing_is_kept(oleo, name, content, message):
    before = books()
    with pytest.raises(DocumentRefused) as refused:
        attach_document(
            subject=Subject("supplier", oleo.pk), kind="sds", upload=_upload(name, content)
        )
    assert refused.value.message.startswith(message)
    assert books() == before


def test_a_file_over_the_limit_is_refused(oleo):
    big = _upload("scan.pdf", PDF + b"0" * file_rules.MAX_BYTES)
    with pytest.raises(DocumentRefused) as refused:
        attach_document(subject=Subject("supplier", oleo.pk), kind="coa", upload=big)
    assert refused.value.message.startswith("scan.pdf is 10.0 MB; a document can be at most 10 MB.")
    assert not Document.objects.exists()


def test_members_download_as_an_attachment_and_outsiders_get_404(org_a, org_b, oleo):
    document = attach_document(subject=Subject("supplier", oleo.pk), kind="coa", upload=_upload())
    viewer = workspace_client(make_member(org_a, "viewer"), org_a)
    response = viewer.get(f"/purchasing/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="coa.pdf"'
    assert (response["Content-Type"], response["Cache-Control"]) == (
        "application/pdf",
        "private, no-store",
    )
    outsider = workspace_client(make_member(org_b, "owner"), org_b)
    assert outsider.get(f"/purchasing/documents/{document.pk}/download/").status_code == 404
    assert workspace_client(None, org_a).get(
        f"/purchasing/documents/{document.pk}/download/"
    ).status_code in (302, 404)


def test_upload_page_attaches_to_a_lot_and_viewers_cannot(acme, org_a):
    lot = stock(make_item("Shea butter"), "1000", "0.02")
    path = f"/purchasing/documents/lot/{lot.pk}/attach/"
    viewer = workspace_client(make_member(org_a, "viewer"), org_a)
    assert viewer.post(path, {"kind": "coa", "file": _upload()}).status_code == 403
    production = workspace_client(make_member(org_a, "production"), org_a)
    response = production.post(path, {"kind": "coa", "title": "CoA batch 7", "file": _upload()})
    assert response.status_code == 302
    assert list(Document.objects.values_list("lot_id", "title")) == [(lot.pk, "CoA batch 7")]
    page = production.get(f"/purchasing/documents/lot/{lot.pk}/")
    assert "CoA batch 7" in page_text(page)


def test_upload_page_says_why_a_file_was_refused(acme, org_a):
    item = make_item("Shea butter")
    owner = workspace_client(make_member(org_a, "owner"), org_a)
    response = owner.post(
        f"/purchasing/documents/item/{item.pk}/attach/",
        {"kind": "sds", "file": _upload("sds.docx", b"PK\x03\x04")},
    )
    assert response.status_code == 400
    assert "sds.docx isn't a PDF or a picture" in page_text(response)
    assert not Document.objects.exists()


def test_remove_deletes_the_row_and_its_file(oleo, django_capture_on_commit_callbacks):
    document = attach_document(subject=Subject("supplier", oleo.pk), kind="coa", upload=_upload())
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        remove_document(document=document)
    assert not Document.objects.exists()
    assert not storage.exists(name)
