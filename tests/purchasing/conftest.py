"""Fixtures for the purchasing tests: the acme workspace's schema, a supplier, and a snapshot of
everything a refused receipt or upload must leave unchanged."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from inventory.models import Item, Lot, Movement
from purchasing.models import Document, PurchaseReceipt, ReceiptLine, Supplier
from purchasing.services import create_supplier


@pytest.fixture
def acme(org_a):
    with tenant_context(org_a):
        yield org_a


@pytest.fixture
def oleo(acme) -> Supplier:
    return create_supplier(name="Oleo Co.", lead_time_days=5)


def books() -> dict:
    """Every row a receipt or a document writes, to compare before and after a refusal."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, PurchaseReceipt, ReceiptLine, Document)
    }


PDF = b"%PDF-1.4\n% a tiny test file\n"


@pytest.fixture(autouse=True)
def _remove_document_files(request):
    """Documents land in the shared test media folder: remove this test's files (the rows are still
    there at teardown; the test's transaction rolls them back afterwards)."""
    if "org_a" not in request.fixturenames:
        yield
        return
    organization = request.getfixturevalue("org_a")
    yield
    with tenant_context(organization):
        for document in Document.objects.all():
            document.file.delete(save=False)
