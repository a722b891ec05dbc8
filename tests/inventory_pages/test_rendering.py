"""Every inventory page renders for the roles that may see it, and hides what they may not do."""

from __future__ import annotations

import pytest

from inventory import services
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory, ago, ahead, stock
from tests.inventory_pages.conftest import client_as, library_entry


@pytest.fixture
def olive(acme):
    item = ItemFactory(name="Olive oil", stock_unit="g", density_g_per_ml="0.91")
    stock(item, 500, "0.02", days_ago=3, supplier="Oils Ltd", supplier_lot_code="OL-77")
    return item


READ_PAGES = [
    "/inventory/",
    "/inventory/?q=olive&kind=ingredient",
    "/inventory/?low=1&expiring=1",
    "/inventory/?archived=1",
    "/inventory/?page=99",
    "/inventory/items/{pk}/",
    "/inventory/items/{pk}/?page=abc",
    "/inventory/units/",
]


@pytest.mark.parametrize("path", READ_PAGES)
def test_read_pages_render_for_a_viewer(acme, olive, viewer_client, path):
    response = viewer_client.get(path.format(pk=olive.pk))
    assert response.status_code == 200
    assert response.templates[0].name.startswith("inventory/")


def test_the_nav_links_to_inventory_for_a_viewer(acme, viewer_client):
    text = page_text(viewer_client.get("/"))
    assert 'href="/inventory/"' in text


@pytest.mark.parametrize(
    "path",
    [
        "/inventory/items/new/",
        "/inventory/items/library/",
        "/inventory/items/library/?q=oil&kind=ingredient",
        "/inventory/items/library/{library_pk}/",
        "/inventory/items/{pk}/edit/",
        "/inventory/items/{pk}/receive/",
        "/inventory/items/{pk}/receive/preview/",
        "/inventory/items/{pk}/receive/preview/?quantity=1&unit=kg&unit_cost=10",
        "/inventory/items/{pk}/adjust/",
    ],
)
@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_write_pages_render_for_roles_that_may_write(acme, olive, role, path):
    shea = library_entry()
    client, _ = client_as(acme, role)
    response = client.get(path.format(pk=olive.pk, library_pk=shea.pk))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/inventory/items/new/",
        "/inventory/items/library/",
        "/inventory/items/{pk}/edit/",
        "/inventory/items/{pk}/receive/",
        "/inventory/items/{pk}/receive/preview/",
        "/inventory/items/{pk}/adjust/",
    ],
)
def test_write_pages_are_forbidden_to_a_viewer(acme, olive, viewer_client, path):
    response = viewer_client.get(path.format(pk=olive.pk))
    assert response.status_code == 403
    assert "You do not have permission to" in page_text(response)


def test_a_viewer_sees_no_write_buttons(acme, olive, viewer_client):
    detail = page_text(viewer_client.get(f"/inventory/items/{olive.pk}/"))
    listing = page_text(viewer_client.get("/inventory/"))
    units = page_text(viewer_client.get("/inventory/units/"))
    for text in (detail, listing):
        assert "Receive stock" not in text
        assert "New item" not in text
        assert ">Adjust<" not in text
        assert ">Edit<" not in text
    assert "Add unit" not in units
    assert "Olive oil" in units  # the densities table is readable


def test_an_owner_sees_the_write_buttons(acme, olive, owner_client):
    detail = page_text(owner_client.get(f"/inventory/items/{olive.pk}/"))
    assert f'href="/inventory/items/{olive.pk}/receive/"' in detail
    assert f'href="/inventory/items/{olive.pk}/adjust/"' in detail
    assert f'href="/inventory/items/{olive.pk}/edit/"' in detail


def test_an_untracked_item_has_no_lots_and_offers_no_receive(acme, owner_client):
    water = services.create_item(
        organization=acme,
        name="Tap water",
        stock_unit="ml",
        is_tracked=False,
        untracked_unit_cost="0.001",
    )
    text = page_text(owner_client.get(f"/inventory/items/{water.pk}/"))
    assert "Not tracked" in text
    assert "Usage costs $0.0010/ml" in text
    assert "Receive stock" not in text
    assert "Lots on hand" not in text


def test_badges_and_lot_statuses_render(acme, owner_client):
    wax = ItemFactory(name="Beeswax", low_stock_threshold=100)
    stock(wax, 50, expires_at=ahead(5))
    stock(wax, 10, days_ago=40, expires_at=ago(1))
    stock(wax, 20, hold_until=ahead(14))
    listing = page_text(owner_client.get("/inventory/"))
    assert "Low stock" in listing
    assert "Expired stock" in listing
    assert "Expiring soon" in listing
    detail = page_text(owner_client.get(f"/inventory/items/{wax.pk}/"))
    assert "Available, expiring soon" in detail
    assert "Expired</span>" in detail
    assert "Curing until" in detail
