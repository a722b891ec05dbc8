"""The production pages end to end through HTTP, as a maker uses them: write a recipe, scale and cost
it, plan, start (refused, then skipping), add extras, notes and timers, finish into a SKU, print the
record, sell, trace and recall."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from batches.models import Batch, BatchTimer
from billing.services.complimentary import grant_complimentary
from inventory.models import Item
from products.models import Sku
from products.services import create_product, create_sku
from recipes.models import Recipe
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


@pytest.fixture
def maker(org_a):
    grant_complimentary(organization=org_a, tier="pro", until=None, granted_by="tests")
    org_a.refresh_from_db()
    user = make_member(org_a, "production")
    with tenant_context(org_a):
        oil = make_item("Olive oil")
        lye = make_item("Lye")
        stock(oil, "1000", "0.01", supplier="Oleo", supplier_lot_code="OL-9")
        stock(lye, "1000", "0.02")
        sku = create_sku(product=create_product(name="Bar soap"), price="8.00")
    return {
        "client": workspace_client(user, org_a),
        "org": org_a,
        "oil": oil,
        "lye": lye,
        "sku": sku,
    }


def post_recipe(client, oil, lye, **extra):
    data = {
        "name": "Castile soap",
        "category": "soap",
        "prefix": "CAS",
        "yield_quantity": "10",
        "yield_unit": "each",
        "portion_name": "bar",
        "cat_superfat_pct": "5",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-0-item": oil.name,
        "lines-0-quantity": "0.9",
        "lines-0-unit": "kg",
        "lines-1-item": lye.name,
        "lines-1-quantity": "130",
        "lines-1-unit": "g",
        "publish": "1",
    }
    data.update(extra)
    return client.post("/recipes/new/", data)


def test_maker_runs_a_batch_through_the_pages(maker):
    client, org = maker["client"], maker["org"]
    response = post_recipe(client, maker["oil"], maker["lye"])
    assert response.status_code == 302
    with tenant_context(org):
        recipe = Recipe.objects.get(name="Castile soap")
        version = recipe.current_version
        from recipes.services import update_recipe

        update_recipe(
            recipe=recipe,
            name=recipe.name,
            category="soap",
            prefix="CAS",
            output_item_id=maker["sku"].item_id,
        )

    page = page_text(client.get(f"/recipes/{recipe.pk}/?factor=1&batches=2"))
    assert "Castile soap" in page
    assert "Superfat" in page
    assert "9.00" in page  # FIFO per batch: 900 g x 0.01
    assert "Stock on hand allows" in page and "1 batch" in page
    assert "Shopping list for 2 batches" in page

    # Plan at double size: lye runs short, the start is refused and nothing is taken.
    response = client.post(f"/batches/plan/{version.pk}/", {"factor": "2"})
    assert response.status_code == 302
    with tenant_context(org):
        batch = Batch.objects.get()
    page = page_text(client.post(f"/batches/{batch.pk}/start/", {}))
    assert "One ingredient is short" in page
    assert "You need 800 g more Olive oil" in page
    with tenant_context(org):
        batch.refresh_from_db()
        assert batch.status == "planned"
    client.post(f"/batches/{batch.pk}/cancel/", {})

    client.post(f"/batches/plan/{version.pk}/", {"factor": "1"})
    with tenant_context(org):
        batch = Batch.objects.get(status="planned")
    response = client.post(f"/batches/{batch.pk}/start/", {})
    assert response.status_code == 302
    page = page_text(client.get(f"/batches/{batch.pk}/"))
    assert re.search(r"Batch CAS-\d{4}-001", page)
    assert "<svg" in page  # QR code
    assert "OL-9" in page

    client.post(
        f"/batches/{batch.pk}/extra/", {"item": maker["lye"].pk, "quantity": "5", "unit": "g"}
    )
    client.post(f"/batches/{batch.pk}/notes/", {"text": "Trace reached fast"})
    response = client.post(
        f"/batches/{batch.pk}/timers/",
        {"name": "Gel phase", "days": "0", "hours": "23", "minutes": "30"},
        follow=True,
    )
    assert "Gel phase" in page_text(response)
    with tenant_context(org):
        timer = BatchTimer.objects.get()
    client.post(f"/batches/timers/{timer.pk}/pause/")
    assert "Gel phase" in page_text(client.get("/batches/timers/"))

    form = page_text(client.get(f"/batches/{batch.pk}/finish/"))
    assert "Where the yield goes" in form
    response = client.post(
        f"/batches/{batch.pk}/finish/",
        {
            "actual_yield": "10",
            "outputs-TOTAL_FORMS": "2",
            "outputs-INITIAL_FORMS": "0",
            "outputs-0-item": maker["sku"].item_id,
            "outputs-0-quantity": "10",
        },
    )
    assert response.status_code == 302
    record = page_text(client.get(f"/batches/{batch.pk}/record/"))
    assert "Batch record" in record and "Trace reached fast" in record and "Gel phase" in record
    assert "11.70" in record  # 9.00 oil + 2.60 lye + 0.10 extra lye
    with tenant_context(org):
        batch.refresh_from_db()
        assert batch.consumed_cost == Decimal("11.70")
        output_lot = batch.outputs.get().lot
        oil_lot = maker["oil"].lots.get()

    sku_page = page_text(client.get(f"/products/skus/{maker['sku'].pk}/"))
    assert "1.17" in sku_page  # unit cost per bar
    assert "6.83" in sku_page  # margin 8.00 - 1.17
    client.post(f"/products/skus/{maker['sku'].pk}/deduct/", {"kind": "sold", "quantity": "2"})

    trace = page_text(client.get(f"/trace/lots/{output_lot.pk}/"))
    assert "Oleo" in trace and "OL-9" in trace
    recall = page_text(client.get("/trace/recall/?q=OL-9"))
    assert output_lot.code in recall
    assert "<strong>8</strong> units are still in stock" in recall
    forward = page_text(client.get(f"/trace/lots/{oil_lot.pk}/"))
    assert batch.code in forward


def test_bad_recipe_input_shows_a_specific_message_and_writes_nothing(maker):
    client, org = maker["client"], maker["org"]
    page = page_text(post_recipe(client, maker["oil"], maker["lye"], yield_quantity="0"))
    assert "The yield must be more than zero; 0 was given." in page
    page = page_text(post_recipe(client, maker["oil"], maker["lye"], **{"lines-0-unit": "ml"}))
    assert "Olive oil has no density, so ml can't be turned into g." in page
    with tenant_context(org):
        assert not Recipe.objects.exists()


def test_recipe_lines_take_items_by_name_from_one_shared_list(maker):
    client, org = maker["client"], maker["org"]
    # Names match ignoring case and surrounding spaces.
    response = post_recipe(client, maker["oil"], maker["lye"], **{"lines-0-item": " olive OIL "})
    assert response.status_code == 302
    with tenant_context(org):
        recipe = Recipe.objects.get(name="Castile soap")
        assert [line.item for line in recipe.current_version.lines.order_by("position")] == [
            maker["oil"],
            maker["lye"],
        ]
    form = client.get(f"/recipes/{recipe.pk}/edit/").content.decode()
    # The saved lines come back by name, and every item is offered once, not once per row.
    assert 'name="lines-0-item" value="Olive oil"' in form
    assert 'name="lines-1-item" value="Lye"' in form
    assert form.count('<option value="Olive oil">') == 1
    assert form.count('list="item-options"') == 2 + 4  # two lines and four blank rows


def test_an_unknown_or_archived_item_name_is_refused_plainly(maker):
    client, org = maker["client"], maker["org"]
    page = page_text(post_recipe(client, maker["oil"], maker["lye"], **{"lines-0-item": "Olive"}))
    assert "There is no item called “Olive”. Pick one from the suggestions" in page
    with tenant_context(org):
        Item.objects.filter(pk=maker["lye"].pk).update(is_archived=True)
    page = page_text(post_recipe(client, maker["oil"], maker["lye"]))
    assert "Lye is archived. Restore it under Inventory, or pick another item." in page
    with tenant_context(org):
        assert not Recipe.objects.exists()


def test_duplicate_sku_code_shows_its_message(maker):
    org = maker["org"]
    with tenant_context(org):
        product_id = maker["sku"].product_id
    owner = make_member(org, "owner")
    owner_client = workspace_client(owner, org)
    page = page_text(
        owner_client.post(
            f"/products/{product_id}/skus/new/",
            {
                "code": maker["sku"].code.lower(),
                "price": "3",
                "stock_unit": "each",
                "variant": "",
                "size": "",
            },
        )
    )
    assert f"The code {maker['sku'].code} is already used by Bar soap." in page
    with tenant_context(org):
        assert Sku.objects.count() == 1
        assert Item.objects.filter(kind="product").count() == 1


def test_viewer_sees_pages_but_no_run_controls(maker):
    org = maker["org"]
    viewer = workspace_client(make_member(org, "viewer"), org)
    with tenant_context(org):
        recipe = make_recipe("Seen", [(maker["oil"], "1", "g")])
    page = page_text(viewer.get(f"/recipes/{recipe.pk}/"))
    assert "Seen" in page and "Edit (new draft)" not in page
    assert viewer.post(f"/recipes/{recipe.pk}/archive/").status_code == 403
