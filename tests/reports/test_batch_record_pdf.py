"""The batch record as PDF: a real PDF holding the batch's code, lines, lots and costs."""

from __future__ import annotations

import io

from pypdf import PdfReader

from reports.models import JobStatus
from tests.conftest import make_member, workspace_client
from tests.reports.helpers import export_now, production_world


def _text(content: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_batch_record_pdf_holds_the_record(acme):
    world = production_world()
    batch = world["base_batch"]
    job = export_now("batch_record", "pdf", {"batch_id": batch.pk}, zone_name="Europe/London")
    assert job.status == JobStatus.DONE
    assert job.row_count == 2  # two lines
    with job.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    text, reader = _text(content)
    assert reader.metadata.title == f"Batch record {batch.code}"
    assert f"Batch record {batch.code}" in text
    assert "Acme Soap Works" in text
    for expected in (
        "Olive oil",
        "Lye",
        f"{world['oil_a'].code} OL-A: 800 g at $0.0123",
        f"{world['lye_lot'].code} =NAOH-1: 100 g at $0.02",
        "Cost of what it used",
        "11.88",
        world["base_batch"].outputs.get().lot.code,
    ):
        assert expected in text, expected


def test_batch_record_pdf_survives_text_outside_latin1(acme):
    world = production_world()
    from batches.services import add_note

    bar = world["bar_batch"]
    add_note(batch=bar, text="Gel phase “fine” — ≥ 24 h ✓")
    job = export_now("batch_record", "pdf", {"batch_id": bar.pk})
    with job.file.open("rb") as handle:
        text, _ = _text(handle.read())
    assert 'Gel phase "fine" - ? 24 h ?' in text


def test_batch_record_is_requested_by_code(pro_a, in_workspace):
    owner = make_member(pro_a, "production")
    with in_workspace(pro_a):
        world = production_world()
    client = workspace_client(owner, pro_a)
    response = client.post(
        "/reports/exports/batch_record/",
        {"batch_record-format": "pdf", "batch_record-batch": world["bar_batch"].code.lower()},
    )
    assert response.status_code == 302
    missing = client.post(
        "/reports/exports/batch_record/",
        {"batch_record-format": "pdf", "batch_record-batch": "NOPE-1"},
    )
    assert missing.status_code == 400
    assert "No batch has the code NOPE-1." in missing.content.decode()


def test_the_batch_page_offers_its_pdf_record_where_exports_are_included(
    pro_a, org_b, in_workspace
):
    import re

    from tests.reports.conftest import on_tier

    maker = make_member(pro_a, "production")
    with in_workspace(pro_a):
        batch = production_world()["bar_batch"]
    client = workspace_client(maker, pro_a)
    page = client.get(f"/batches/{batch.pk}/").content.decode()
    form = re.search(
        r'<form method="post" action="/reports/exports/batch_record/">(.*?)</form>', page, re.S
    )
    assert form and "Batch record as PDF" in form.group(1)
    fields = dict(re.findall(r'name="(batch_record-\w+)" value="([^"]*)"', form.group(1)))
    assert fields == {"batch_record-batch": batch.code, "batch_record-format": "pdf"}
    response = client.post("/reports/exports/batch_record/", fields)
    assert response.status_code == 302 and "/reports/exports/job/" in response["Location"]

    on_tier(pro_a, "free")
    assert "Batch record as PDF" not in client.get(f"/batches/{batch.pk}/").content.decode()
