"""Labels from a finished batch: the ingredient list from what it really consumed (with the
library's INCI names and allergen content), the PDF sheet, the IFRA warning before a start, the
public record behind the QR code, and an item's label facts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from batches.label_data import label_for, public_token
from batches.services import OutputInput, finish_batch, plan_batch, set_public_records, start_batch
from inventory.errors import InvalidItem
from inventory.models import Item
from inventory.services import set_label_facts
from library.models import LibraryItem
from tests.conftest import make_member, page_text, public_client, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def _balm(org):
    """A 100 g leave-on balm: 60 g sweet almond oil, 39 g beeswax (own INCI) and 1 g lavender
    oil linked to the library (typical 30 % linalool, 0.5 % limonene, 0.4 % geraniol, 0.1 %
    coumarin). Linalool 0.3 g = 0.3 %, limonene 0.005 g = 0.005 %, geraniol 0.004 %, coumarin
    0.001 % (not above 0.001 %, so not named)."""
    # The seeded entry (library migrations 0002 and 0003), re-made here: transactional tests
    # elsewhere flush the public tables.
    lavender_entry, _ = LibraryItem.objects.update_or_create(
        name="Lavender essential oil",
        defaults={
            "inci_name": "Lavandula Angustifolia Oil",
            "kind": "ingredient",
            "category": "essential_oil",
            "allergen_content": {
                "Linalool": "30",
                "Limonene": "0.5",
                "Geraniol": "0.4",
                "Coumarin": "0.1",
            },
        },
    )
    almond = make_item("Sweet almond oil", inci_name="Prunus Amygdalus Dulcis Oil")
    wax = make_item("Beeswax", inci_name="Cera Alba")
    lavender = make_item("Lavender oil", library_item_id=lavender_entry.pk)
    tin = make_item("Tin", "each", kind=Item.Kind.CONTAINER)
    for item in (almond, wax, lavender):
        stock(item, "1000", "0.01")
    stock(tin, "10", "0.30")
    pot = make_item("Crème balm – 100 g", "each", kind=Item.Kind.PRODUCT)
    recipe = make_recipe(
        "Lavender balm",
        [(almond, "60", "g"), (wax, "39", "g"), (lavender, "1", "g"), (tin, "1", "each")],
        yield_quantity="1",
        yield_unit="each",
        category="cosmetic",
    )
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    finish_batch(batch=batch, actual_yield="1", outputs=[OutputInput(pot.pk, "1")])
    return batch


def test_the_label_lists_what_the_batch_consumed_with_its_allergens(acme):
    label = label_for(_balm(acme))
    assert label.product == "Crème balm – 100 g"
    assert label.ingredients.ingredients == (
        "Prunus Amygdalus Dulcis Oil",
        "Cera Alba",
        "Lavandula Angustifolia Oil",
    )
    assert label.ingredients.allergens == ("Linalool", "Limonene", "Geraniol")
    assert label.ingredients.allergen_shares["Coumarin"] == Decimal("0.001")
    assert label.ingredients.text == (
        "Prunus Amygdalus Dulcis Oil, Cera Alba, Lavandula Angustifolia Oil, Linalool, Limonene, "
        "Geraniol"
    )
    assert label.problems == ()
    assert label.rinse_off is False


def test_an_items_own_allergen_declaration_wins_over_the_library(acme):
    batch = _balm(acme)
    lavender = Item.objects.get(name="Lavender oil")
    set_label_facts(item=lavender, inci_name="", allergen_content={"linalool": "5"}, ifra_limits={})
    assert label_for(batch).ingredients.allergens == ("Linalool",)


def test_the_label_page_and_pdf(org_a):
    with tenant_context(org_a):
        batch = _balm(org_a)
    client = workspace_client(make_member(org_a, "production"), org_a)
    page = page_text(client.get(f"/batches/{batch.pk}/label/"))
    assert "You remain responsible for what your label says" in page
    assert "Ingredients: Prunus Amygdalus Dulcis Oil, Cera Alba" in page
    assert "Labels have no QR code" in page
    response = client.get(f"/batches/{batch.pk}/label/pdf/?net=100 g&count=3")
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF") and b"DejaVu" in body


def test_the_pdf_prints_symbols_in_a_unicode_font(acme):
    from reports.exports.label_pdf import label_sheet_pdf

    label = label_for(_balm(acme))
    pdf = label_sheet_pdf(
        label=label,
        count=9,
        net_quantity="100 g ≈ 3.5 oz",
        qr_url="https://x.test/p",
        best_before="",
    )
    assert b"DejaVuSans" in pdf
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 2  # 9 labels, 8 a page


def test_the_public_record_is_opt_in(org_a):
    with tenant_context(org_a):
        batch = _balm(org_a)
        token = public_token(batch)
    anonymous = workspace_client(None, org_a)
    assert anonymous.get(f"/public/batches/{token}/").status_code == 404
    owner = workspace_client(make_member(org_a, "owner"), org_a)
    owner.post("/batches/labels/settings/", {"public_records": "on", "batch": batch.pk})
    page = anonymous.get(f"/public/batches/{token}/")
    assert page.status_code == 200
    assert "Prunus Amygdalus Dulcis Oil" in page_text(page)
    assert "QR code to" in page_text(owner.get(f"/batches/{batch.pk}/label/"))
    assert anonymous.get("/public/batches/not-a-token/").status_code == 404
    with tenant_context(org_a):
        set_public_records(enabled=False)
    assert anonymous.get(f"/public/batches/{token}/").status_code == 404
    assert public_client().get(f"/public/batches/{token}/").status_code == 404


def test_a_running_batch_has_no_labels_yet(org_a):
    with tenant_context(org_a):
        oil = make_item("Oil")
        stock(oil, "10", "1")
        batch = start_batch(
            batch=plan_batch(version=make_recipe("Rose", [(oil, "1", "g")]).current_version)
        )
    client = workspace_client(make_member(org_a, "owner"), org_a)
    assert client.get(f"/batches/{batch.pk}/label/").status_code == 302
    assert client.get(f"/batches/{batch.pk}/label/pdf/").status_code == 302


def test_ifra_over_limit_warns_before_the_batch_starts(org_a):
    with tenant_context(org_a):
        oils = make_item("Soap oils")
        lavender = make_item("Lavender oil")
        set_label_facts(item=lavender, inci_name="", allergen_content={}, ifra_limits={"soap": "3"})
        recipe = make_recipe("Lavender soap", [(oils, "964", "g"), (lavender, "36", "g")])
        batch = plan_batch(version=recipe.current_version)
    client = workspace_client(make_member(org_a, "production"), org_a)
    page = page_text(client.get(f"/batches/{batch.pk}/"))
    assert (
        "Lavender oil would be 3.6 % of this batch, above the 3 % its IFRA certificate allows in "
        "soap (rinse-off, IFRA category 9). Use less of it, or check the certificate."
    ) in page


def test_label_facts_page_and_its_refusals(org_a):
    with tenant_context(org_a):
        oil = make_item("Orange oil")
        with pytest.raises(InvalidItem) as caught:
            set_label_facts(
                item=oil,
                inci_name="x",
                allergen_content={"Vanillin": "2", "Limonene": "200"},
                ifra_limits={"soap": "0"},
            )
        assert set(caught.value.details["errors"]) == {"allergen_content", "ifra_limits"}
        oil.refresh_from_db()
        assert oil.inci_name == ""
    client = workspace_client(make_member(org_a, "owner"), org_a)
    assert "Label facts of Orange oil" in page_text(
        client.get(f"/inventory/items/{oil.pk}/label-facts/")
    )
    response = client.post(
        f"/inventory/items/{oil.pk}/label-facts/",
        {
            "inci_name": "Citrus Aurantium Dulcis Peel Oil",
            "allergens": "Limonene 94%\nCitral 0.2",
            "ifra_candle": "12",
        },
    )
    assert response.status_code == 302
    with tenant_context(org_a):
        oil.refresh_from_db()
        assert oil.allergen_content == {"Limonene": "94", "Citral": "0.2"}
        assert oil.ifra_limits == {"candle": "12"}
    refused = page_text(
        client.post(f"/inventory/items/{oil.pk}/label-facts/", {"allergens": "Vanillin 2"})
    )
    assert "Vanillin isn't one of the EU's 26 fragrance allergens" in refused
