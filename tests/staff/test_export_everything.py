"""Export everything: a ZIP with every table of the workspace (its rows only), its public rows and
its attachments, built as a job."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django_tenants.utils import tenant_context

from staff.models import WorkspaceExport
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import ItemFactory

# Django's own bookkeeping tables; every other table of the schema must be in the export.
BOOKKEEPING = {"django_migrations", "django_content_type"}


def _tables(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = %s AND table_type = 'BASE TABLE'",
            [schema],
        )
        return {row[0] for row in cursor.fetchall()} - BOOKKEEPING


@pytest.fixture
def exported(org_a, org_b, django_capture_on_commit_callbacks):
    from purchasing.models import Document

    owner = make_member(org_a, "owner", email="owner-export@example.com")
    make_member(org_b, "owner", email="globex-owner@example.com")
    with tenant_context(org_b):
        ItemFactory(name="Globex-only beeswax")
    with tenant_context(org_a):
        item = ItemFactory(name="Acme-only lavender")
        document = Document(
            kind=Document.Kind.SDS,
            title="Lavender SDS",
            original_name="sds.pdf",
            content_type="application/pdf",
            size=9,
            item=item,
        )
        document.file.save("sds.pdf", ContentFile(b"%PDF-sds!"), save=False)
        document.save()
    client = workspace_client(owner, org_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/settings/data/export/")
    assert response.status_code == 302
    job = WorkspaceExport.objects.get(organization=org_a)
    assert job.status == WorkspaceExport.Status.DONE, job.error_message
    with tenant_context(org_a):
        data = default_storage.open(job.file_name).read()
    return owner, client, job, zipfile.ZipFile(io.BytesIO(data))


def test_zip_has_every_table_of_the_workspace(org_a, exported):
    _, _, _, archive = exported
    csv_tables = {
        name.rsplit("/", 1)[-1][: -len(".csv")]
        for name in archive.namelist()
        if name.endswith(".csv") and not name.startswith("organization/")
    }
    assert csv_tables == _tables(org_a.schema_name)
    for app in ("inventory", "recipes", "batches", "products", "purchasing", "sales"):
        assert f"{app}.xlsx" in archive.namelist()


def test_zip_holds_only_this_workspace(exported):
    _, _, _, archive = exported
    everything = b"".join(archive.read(name) for name in archive.namelist())
    items = archive.read("inventory/inventory_item.csv").decode("utf-8-sig")
    assert "Acme-only lavender" in items
    assert b"Globex-only" not in everything
    assert b"globex-owner@example.com" not in everything


def test_zip_has_members_activity_and_attachments(exported):
    owner, _, _, archive = exported
    members = list(
        csv.reader(io.StringIO(archive.read("organization/members.csv").decode("utf-8-sig")))
    )
    assert members[0] == ["email", "first_name", "last_name", "role", "joined"]
    assert [row[0] for row in members[1:]] == [owner.email]
    activity = archive.read("organization/activity.csv").decode("utf-8-sig")
    assert "workspace.export_requested" in activity
    attachments = [
        n for n in archive.namelist() if n.startswith("attachments/purchasing_document/")
    ]
    assert len(attachments) == 1
    assert archive.read(attachments[0]) == b"%PDF-sds!"


def test_owner_downloads_the_zip(exported):
    _, client, job, _ = exported
    page = client.get("/settings/data/")
    assert "Download" in page_text(page)
    response = client.get(f"/settings/data/export/{job.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_another_workspace_cannot_download_it(org_b, exported):
    _, _, job, _ = exported
    other = workspace_client(make_member(org_b, "owner"), org_b)
    assert other.get(f"/settings/data/export/{job.pk}/download/").status_code == 404


def test_unfinished_export_is_not_served(org_a):
    owner = make_member(org_a, "owner")
    job = WorkspaceExport.objects.create(organization=org_a, requested_by_id=owner.pk)
    response = workspace_client(owner, org_a).get(f"/settings/data/export/{job.pk}/download/")
    assert response.status_code == 302
