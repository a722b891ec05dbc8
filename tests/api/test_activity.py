"""An API key's write counts as workspace activity for the staff dashboard (staff's note_write),
as a signed-in maker's does; reads and refused writes do not."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from staff.models import WorkspaceActivity
from tests.inventory.factories import ItemFactory, stock


@pytest.fixture
def oil(acme):
    caches["global"].delete(f"staff:activity:{acme.pk}")
    item = ItemFactory(name="Olive oil", stock_unit="g")
    stock(item, 1000, "0.01")
    yield item
    caches["global"].delete(f"staff:activity:{acme.pk}")


def _active(organization) -> bool:
    return WorkspaceActivity.objects.filter(organization_id=organization.pk).exists()


def test_an_api_write_marks_the_workspace_active(api, acme, oil):
    response = api.post(
        "/api/v1/stock/consume/", {"item": oil.pk, "quantity": "5"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert _active(acme)


def test_an_api_read_does_not(api, acme, oil):
    assert api.get("/api/v1/items/").status_code == 200
    assert not _active(acme)


def test_a_refused_api_write_does_not(api, acme, oil):
    response = api.post(
        "/api/v1/stock/consume/",
        {"item": oil.pk, "quantity": "5000"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert not _active(acme)
