"""The delivery form: several lines in one post, blank lines skipped, a refusal shown on its line
with nothing received; and the documents storage's S3 mode."""

from __future__ import annotations

from decimal import Decimal as D

from batchtrack.storage import TenantS3Storage
from inventory.models import Lot
from purchasing.models import PurchaseReceipt
from tests.conftest import make_member, page_text, workspace_client
from tests.purchasing.conftest import books
from tests.recipes.factories import make_item


def _post(supplier, lines, **receipt):
    data = {
        "supplier": str(supplier.pk),
        "received_on": "",
        "allocation": "value",
        "shipping": "",
        "tax": "",
        "fees": "",
        "line-TOTAL_FORMS": str(len(lines)),
        "line-INITIAL_FORMS": "0",
        **receipt,
    }
    for number, line in enumerate(lines):
        for key, value in line.items():
            data[f"line-{number}-{key}"] = value
    return data


def test_recording_a_delivery_from_the_form(acme, org_a, oleo):
    from django.utils import timezone

    oil, wax = make_item("Olive oil"), make_item("Beeswax")
    client = workspace_client(make_member(org_a, "production"), org_a)
    assert "Record a delivery" in page_text(
        client.get(f"/purchasing/receipts/new/?supplier={oleo.pk}")
    )
    data = _post(
        oleo,
        [
            {"item": str(oil.pk), "quantity": "1", "unit": "kg", "cost": "12.00"},
            {"item": "", "quantity": "", "cost": ""},  # left blank: skipped
            {"item": str(wax.pk), "quantity": "500", "cost": "8.00", "supplier_lot_code": "BW-1"},
        ],
        received_on=timezone.localdate().isoformat(),
        shipping="2.00",
        reference="INV-9",
    )
    response = client.post("/purchasing/receipts/new/", data)
    receipt = PurchaseReceipt.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/purchasing/receipts/{receipt.pk}/"
    )
    assert [(line.position, line.landed_cost) for line in receipt.lines.order_by("position")] == [
        (1, D("13.20")),
        (2, D("8.80")),
    ]
    assert Lot.objects.get(item=wax).supplier_lot_code == "BW-1"
    page = page_text(client.get(response["Location"]))
    assert "INV-9" in page and "$22.00" in page


def test_a_refused_line_is_shown_on_the_form_and_nothing_is_received(acme, org_a, oleo):
    from django.utils import timezone

    oil = make_item("Olive oil")
    client = workspace_client(make_member(org_a, "owner"), org_a)
    before = books()
    response = client.post(
        "/purchasing/receipts/new/",
        _post(
            oleo,
            [
                {"item": str(oil.pk), "quantity": "1", "unit": "kg", "cost": "12.00"},
                {"item": "", "quantity": "", "cost": ""},
                {"item": str(oil.pk), "quantity": "2", "unit": "kg", "cost": "-3"},
            ],
            received_on=timezone.localdate().isoformat(),
        ),
    )
    assert response.status_code == 400
    assert "Row 3: The cost must be zero or more; -3 was given." in page_text(response)
    assert books() == before


def test_viewers_cannot_record_deliveries(acme, org_a):
    client = workspace_client(make_member(org_a, "viewer"), org_a)
    assert client.get("/purchasing/receipts/new/").status_code == 403
    assert client.get("/purchasing/receipts/").status_code == 200


def test_s3_storage_keeps_each_workspace_under_its_own_prefix(acme, org_a):
    storage = TenantS3Storage(
        bucket_name="docs", location="batchtrack", access_key="k", secret_key="s"
    )
    assert storage.location == f"batchtrack/{org_a.schema_name}"
    assert storage._normalize_name("documents/a.pdf") == (
        f"batchtrack/{org_a.schema_name}/documents/a.pdf"
    )
