"""List and record pages read in a fixed number of queries, however many rows they show."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from batches.services import plan_batch, start_batch
from products.services import add_variant, create_product, create_sku
from tests.conftest import make_member, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def queries(client, path: str) -> int:
    client.get(path)  # a first visit also fills the request cache (tenants/request_cache.py)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum(1 for q in captured.captured_queries if not q["sql"].startswith("SET search_path"))


def test_list_pages_do_not_grow_with_rows(org_a):
    client = workspace_client(make_member(org_a, "owner"), org_a)
    with tenant_context(org_a):
        oil = make_item("Olive oil")
        stock(oil, "100000", "0.01")
        product = create_product(name="Bar")
        recipes = [make_recipe(f"Soap {n}", [(oil, "10", "g")]) for n in range(4)]
        start_batch(batch=plan_batch(version=recipes[0].current_version))
        create_sku(
            product=product, price="1", code="A", variant=add_variant(product=product, name="A")
        )
    counts = [queries(client, p) for p in ("/recipes/", "/batches/", "/products/")]
    with tenant_context(org_a):
        for recipe in recipes[1:]:
            start_batch(batch=plan_batch(version=recipe.current_version))
        for code in "BCD":
            variant = add_variant(product=product, name=code)
            create_sku(product=product, price="1", code=code, variant=variant)
    assert [queries(client, p) for p in ("/recipes/", "/batches/", "/products/")] == counts


def test_batch_page_does_not_grow_with_lines_or_lots(org_a):
    client = workspace_client(make_member(org_a, "owner"), org_a)
    with tenant_context(org_a):
        small_items = [make_item(f"Small {n}") for n in range(2)]
        big_items = [make_item(f"Big {n}") for n in range(8)]
        for item in small_items + big_items:
            for _ in range(3):
                stock(item, "5", "0.01")
        small = start_batch(
            batch=plan_batch(
                version=make_recipe("Small", [(i, "12", "g") for i in small_items]).current_version
            )
        )
        big = start_batch(
            batch=plan_batch(
                version=make_recipe("Big", [(i, "12", "g") for i in big_items]).current_version
            )
        )
    assert queries(client, f"/batches/{small.pk}/") == queries(client, f"/batches/{big.pk}/")
    assert queries(client, f"/batches/{small.pk}/record/") == queries(
        client, f"/batches/{big.pk}/record/"
    )
