"""Find anything: the navigation's search, over the demo workspace (the apps' own seeders)."""

from __future__ import annotations

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from batches.models import Batch
from inventory.models import Lot
from inventory.services import create_item
from products.models import Sku
from tests.conftest import page_text
from tests.ui.conftest import statements
from workspace.selectors.search import KINDS, find_anything

EVERY_KIND = {permission for _k, _l, permission, _f, _u in KINDS}


def titles(results, kind: str) -> list[str]:
    return [hit.title for group in results.groups if group.kind == kind for hit in group.hits]


def test_a_misspelt_name_finds_the_item(demo, trigrams):
    results = find_anything("olve oil", allowed=EVERY_KIND)
    assert titles(results, "items")[0] == "Olive oil"


@pytest.mark.parametrize(
    "query, kind, expected",
    [
        ("lavendr castile", "recipes", "Lavender castile soap"),
        ("castle bar", "products", "Castile bar"),
        ("oleo", "suppliers", "Oleo Co."),
        ("Marta", "suppliers", "Oleo Co."),
        ("coco", "items", "Coconut oil"),
    ],
)
def test_each_kind_is_found_by_its_name(demo, trigrams, query, kind, expected):
    assert expected in titles(find_anything(query, allowed=EVERY_KIND), kind)


def test_a_batch_is_found_by_its_code_and_by_its_recipe(demo, trigrams):
    by_recipe = titles(find_anything("lavender castle soap", allowed=EVERY_KIND), "batches")
    assert by_recipe and all("Lavender castile soap" in title for title in by_recipe)
    code = Batch.objects.exclude(code=None).order_by("pk").first().code
    assert titles(find_anything(code.lower(), allowed=EVERY_KIND), "batches")[0].startswith(code)


def test_a_product_is_found_by_its_code_and_links_it(demo):
    sku = Sku.objects.filter(is_archived=False).order_by("pk").first()
    results = find_anything(sku.code.lower(), allowed=EVERY_KIND)
    product = next(group for group in results.groups if group.kind == "products").hits[0]
    assert product.title == sku.product.name
    assert (sku.code, f"/products/skus/{sku.pk}/") in product.links


def test_lots_are_found_by_our_code_and_the_suppliers_code(demo):
    lot = Lot.objects.get(supplier_lot_code="OL-2411")
    assert titles(find_anything("ol-2411", allowed=EVERY_KIND), "lots") == [
        f"{lot.code} · Olive oil"
    ]
    assert titles(find_anything(lot.code, allowed=EVERY_KIND), "lots") == [
        f"{lot.code} · Olive oil"
    ]


def test_kinds_the_member_may_not_see_are_not_searched(demo):
    results = find_anything("olive", allowed={"recipes.view"})
    assert {group.kind for group in results.groups} <= {"recipes"}


def test_another_workspaces_records_are_never_found(demo, org_b):
    with tenant_context(org_b):
        create_item(organization=org_b, name="Zebra beeswax", stock_unit="g")
    connection.set_tenant(demo)
    assert find_anything("zebra beeswax", allowed=EVERY_KIND).groups == []
    with tenant_context(org_b):
        assert titles(find_anything("zebra beeswax", allowed=EVERY_KIND), "items") == [
            "Zebra beeswax"
        ]
        assert find_anything("olive oil", allowed=EVERY_KIND).groups == []


def test_the_page_groups_matches_by_kind_in_a_fixed_number_of_statements(
    demo, trigrams, owner_client
):
    response, sql = statements(owner_client, "/search/?q=olve+oil")
    text = page_text(response)
    assert response.status_code == 200
    assert "Olive oil" in text and '<h2 class="h5" id="found-items">Items</h2>' in text
    # The layout's six, and one per kind.
    assert len(sql) <= 6 + len(KINDS)


def test_the_navigation_has_the_search_box(demo, owner_client):
    text = owner_client.get("/").content.decode()
    assert 'role="search" method="get" action="/search/"' in text
    assert 'id="nav-find"' in text


@pytest.mark.parametrize(
    "query", ["", "o", "olive & | ! :* ( oil", "\x00olive", "x" * 500, "'; drop table", "%_%"]
)
def test_any_query_gets_a_page(demo, owner_client, query):
    response = owner_client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_nothing_found_says_so(demo, owner_client):
    text = page_text(owner_client.get("/search/", {"q": "qqqxxzz"}))
    assert "Nothing matches “qqqxxzz”" in text


def test_without_pg_trgm_names_still_match_by_their_words(demo, monkeypatch):
    monkeypatch.setattr("batchtrack.search._trigrams", False)
    assert titles(find_anything("olive oil", allowed=EVERY_KIND), "items")[0] == "Olive oil"
    assert titles(find_anything("castile", allowed=EVERY_KIND), "products") == ["Castile bar"]
    assert find_anything("olve oil", allowed=EVERY_KIND).groups == []
