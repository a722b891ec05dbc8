"""Running a confirmed import: every row through inventory's services in one transaction, all or
nothing; and the upload -> preview -> confirm pages."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from reports.errors import ImportNotReady
from reports.imports.validation import RowCheck
from reports.models import ImportJob
from reports.services import confirm_import, preview_import, run_import
from reports.services.imports import _write_all
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import ItemFactory, stock
from tests.reports.import_files import csv_upload, xlsx_upload

ROWS = [
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
        "Oleo",
        "OL-1",
        "2099-03-31",
    ],
    ["4 oz tin", "container", "each", "", "", "50", "120", "", "0.45", "TinCo", "", ""],
    ['=HYPERLINK("http://evil.test")', "packaging", "each", "", "", "", "", "", "", "", "", ""],
]


def _ready(organization, upload) -> ImportJob:
    job = preview_import(
        organization=organization, upload=upload, requested_by_id=None, zone_name="Europe/Paris"
    )
    assert job.status == "ready", job.report
    return job


def _run(job: ImportJob, actor_id: int | None = None) -> ImportJob:
    confirm_import(job_id=job.pk, actor_id=actor_id, zone_name="Europe/Paris")
    return run_import(job_id=job.pk, actor_id=actor_id, zone_name="Europe/Paris")


def _state():
    return (
        list(Item.objects.order_by("pk").values()),
        list(Lot.objects.order_by("pk").values()),
        list(Movement.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload])
def test_import_creates_items_and_opening_lots_exactly(acme, upload):
    owner = make_member(acme, "owner")
    job = _run(_ready(acme, upload(ROWS)), actor_id=owner.pk)
    assert (job.status, job.items_created, job.lots_created) == ("done", 3, 2)
    job.refresh_from_db()
    assert (job.status, job.progress, job.step) == ("done", 100, "")
    oil = Item.objects.get(name="Olive oil")
    assert (oil.kind, oil.stock_unit, oil.density_g_per_ml, oil.shelf_life_days) == (
        "ingredient",
        "g",
        Decimal("0.91"),
        730,
    )
    assert oil.low_stock_threshold == Decimal("500")
    # 2 l at 0.91 g/ml is 1820 g; 9.80 per litre is 9.80 / 910 per gram.
    lot = oil.lots.get()
    assert (lot.quantity_received, lot.unit_cost) == (Decimal("1820"), Decimal("0.010769"))
    assert (lot.supplier, lot.supplier_lot_code) == ("Oleo", "OL-1")
    assert lot.expires_at == datetime(2099, 3, 31, tzinfo=ZoneInfo("Europe/Paris"))
    assert oil.on_hand == Decimal("1820")
    tin = Item.objects.get(name="4 oz tin")
    assert (tin.on_hand, tin.lots.get().unit_cost, tin.lots.get().expires_at) == (
        Decimal("120"),
        Decimal("0.45"),
        None,
    )
    # Formula-looking text is stored as it was typed, never evaluated.
    hostile = Item.objects.get(kind="packaging")
    assert hostile.name == '=HYPERLINK("http://evil.test")' and hostile.on_hand == 0
    movements = list(
        Movement.objects.order_by("pk").values_list("kind", "quantity", "actor_id", "note")
    )
    assert movements == [
        ("receive", Decimal("1820"), owner.pk, f"Opening stock (import {job.pk}, row 2)"),
        ("receive", Decimal("120"), owner.pk, f"Opening stock (import {job.pk}, row 3)"),
    ]
    assert ledger_imbalances() == []


def test_one_bad_row_imports_nothing(acme):
    rows = [*ROWS, ["Lavender", "ingredient", "litrez", "", "", "", "", "", "", "", "", ""]]
    before = _state()
    job = preview_import(
        organization=acme, upload=csv_upload(rows), requested_by_id=None, zone_name="UTC"
    )
    assert job.status == "invalid" and job.error_count == 1
    with pytest.raises(ImportNotReady) as refused:
        confirm_import(job_id=job.pk, actor_id=None, zone_name="UTC")
    assert refused.value.message == "This import has problems to fix first."
    assert run_import(job_id=job.pk, actor_id=None, zone_name="UTC") is None
    assert _state() == before


def test_a_failure_while_writing_rolls_back_every_row(acme):
    """Rows 2 and 3 are written before row 4 fails: none of them stays."""
    stock(ItemFactory(name="Existing wax"), "10", "1")
    before = _state()
    job = _ready(acme, csv_upload(ROWS))
    good = RowCheck(
        row=2,
        name="A",
        item={"name": "A", "kind": "ingredient", "stock_unit": "g"},
        opening={
            "quantity": Decimal("5"),
            "unit": "g",
            "unit_cost": Decimal("1"),
            "supplier": "",
            "supplier_lot_code": "",
            "expires_at": None,
        },
    )
    second = RowCheck(row=3, name="B", item={"name": "B", "kind": "ingredient", "stock_unit": "g"})
    clash = RowCheck(
        row=4,
        name="Existing wax",
        item={"name": "existing WAX", "kind": "ingredient", "stock_unit": "g"},
    )
    from batchtrack.errors import DomainError

    with pytest.raises(DomainError) as failed:
        _write_all(job, [good, second, clash], acme, None, lambda percent: None)
    assert failed.value.message == (
        "Row 4: You already have an item called existing WAX. Use that one, or give this one "
        "another name."
    )
    assert _state() == before


def test_changes_since_the_preview_fail_the_import_whole(acme):
    job = _ready(acme, csv_upload(ROWS))
    ItemFactory(name="4 OZ TIN")  # someone else created it meanwhile
    before = _state()
    job = _run(job)
    assert job.status == "failed"
    assert job.error_message == (
        "The workspace changed since the preview, and 1 row(s) can't be imported now (Row 3: you "
        "already have an item called 4 oz tin. Use that one, or give this one another name.). "
        "Nothing was imported."
    )
    assert job.error_count == 1
    assert _state() == before
    job.refresh_from_db()
    assert (job.status, job.progress, job.error_count) == ("failed", 0, 1)


def test_an_import_is_confirmed_once(acme):
    job = _run(_ready(acme, csv_upload(ROWS[:1])))
    assert job.status == "done"
    with pytest.raises(ImportNotReady) as refused:
        confirm_import(job_id=job.pk, actor_id=None, zone_name="UTC")
    assert refused.value.message == "This import has already been started."
    assert run_import(job_id=job.pk, actor_id=None, zone_name="UTC") is None
    assert Item.objects.count() == 1


def test_pages_upload_preview_confirm(pro_a, in_workspace, django_capture_on_commit_callbacks):
    member = make_member(pro_a, "production")
    client = workspace_client(member, pro_a)
    page = page_text(client.get("/reports/imports/"))
    assert "Import items with opening stock" in page and "Download a template (CSV)" in page
    response = client.post("/reports/imports/", {"file": csv_upload(ROWS)})
    assert response.status_code == 302
    with in_workspace(pro_a):
        job = ImportJob.objects.get()
    assert response["Location"] == f"/reports/imports/{job.pk}/"
    preview = page_text(client.get(response["Location"]))
    assert "All 3 rows can be imported. Nothing has been created yet." in preview
    assert "opening stock 2 l at 9.8 per l" in preview
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/reports/imports/{job.pk}/confirm/")
    assert confirmed.status_code == 302
    done = page_text(client.get(f"/reports/imports/{job.pk}/", HTTP_HX_REQUEST="true"))
    assert "Imported 3 items with opening stock for 2 of them." in done and "hx-trigger" not in done
    with in_workspace(pro_a):
        assert Item.objects.count() == 3
        assert Movement.objects.filter(actor_id=member.pk).count() == 2


def test_page_shows_every_problem_and_offers_no_import(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    client = workspace_client(owner, pro_a)
    rows = [*ROWS, ["Lavender", "ingredient", "litrez", "", "", "", "", "", "", "", "", ""]]
    response = client.post("/reports/imports/", {"file": csv_upload(rows)})
    text = page_text(client.get(response["Location"]))
    assert "Nothing can be imported from this file yet." in text
    assert "Row 5: 'litrez' can't be a stock unit." in text
    assert "/confirm/" not in text


def test_page_refuses_a_whole_file_with_its_reason(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    client = workspace_client(owner, pro_a)
    response = client.post("/reports/imports/", {"file": csv_upload([["x"]], header=["colour"])})
    assert response.status_code == 400
    assert "Column A 'colour' isn't a column we know." in page_text(response)
    big = client.post(
        "/reports/imports/", {"file": csv_upload(ROWS)}, CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert big.status_code == 400
    assert "The file is larger than 5 MB, the most an import can be." in page_text(big)
    with in_workspace(pro_a):
        assert ImportJob.objects.count() == 0


def test_page_drops_a_real_oversize_upload_as_it_streams(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    content = b"name,kind,stock unit\n" + b"x" * (5 * 1024 * 1024)
    upload = SimpleUploadedFile("big.csv", content, content_type="text/csv")
    response = workspace_client(owner, pro_a).post("/reports/imports/", {"file": upload})
    assert response.status_code == 400
    assert "The file is larger than 5 MB, the most an import can be." in page_text(response)
    with in_workspace(pro_a):
        assert ImportJob.objects.count() == 0


def test_upload_still_needs_a_csrf_token(pro_a, in_workspace):
    from django.conf import settings
    from django.test import Client

    owner = make_member(pro_a, "owner")
    client = Client(enforce_csrf_checks=True, HTTP_HOST=f"acme.{settings.BASE_DOMAIN}")
    client.force_login(owner)
    response = client.post("/reports/imports/", {"file": csv_upload(ROWS)})
    assert response.status_code == 403
    with in_workspace(pro_a):
        assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("role", ["viewer"])
def test_viewers_cannot_import(pro_a, in_workspace, role):
    viewer = make_member(pro_a, role)
    client = workspace_client(viewer, pro_a)
    assert client.get("/reports/imports/").status_code == 403
    assert client.post("/reports/imports/", {"file": csv_upload(ROWS)}).status_code == 403
    with in_workspace(pro_a):
        assert ImportJob.objects.count() == 0


def test_another_workspaces_import_is_a_404(pro_a, org_b, in_workspace):
    with in_workspace(pro_a):
        job = _ready(pro_a, csv_upload(ROWS))
    owner = make_member(org_b, "owner")
    client = workspace_client(owner, org_b)
    assert client.get(f"/reports/imports/{job.pk}/").status_code == 404
    assert client.post(f"/reports/imports/{job.pk}/confirm/").status_code == 404


def test_template_has_every_column(pro_a):
    owner = make_member(pro_a, "owner")
    response = workspace_client(owner, pro_a).get("/reports/imports/template.csv")
    assert response.status_code == 200
    first = response.content.decode("utf-8-sig").splitlines()[0]
    assert first == (
        "name,kind,stock unit,density,shelf life days,low-stock threshold,opening quantity,unit,"
        "unit cost,supplier,lot code,expires on"
    )


def test_page_refuses_an_opening_quantity_that_rounds_to_zero(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    client = workspace_client(owner, pro_a)
    rows = [["Lavender", "ingredient", "g", "", "", "", "0.0000001", "g", "1", "", "", ""]]
    response = client.post("/reports/imports/", {"file": csv_upload(rows)})
    text = page_text(client.get(response["Location"]))
    assert "Nothing can be imported from this file yet." in text
    assert "Row 2: the quantity must be more than zero at the precision we keep: 0.000001." in text
    with in_workspace(pro_a):
        assert (Item.objects.count(), Lot.objects.count()) == (0, 0)
