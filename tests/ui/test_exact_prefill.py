"""Form inputs start from the exact stored amount, never the rounded one the page shows: a yield of
1.2345 comes back as 1.2345 (not 1.235) in every edit, finish and receive form, so saving a form
unchanged changes nothing and receiving "what is short" really covers it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.services import plan_batch, start_batch
from inventory.display import format_amount, input_amount
from recipes.services import LineInput, VersionContent, create_recipe
from tests.conftest import page_text
from tests.recipes.factories import make_item, make_recipe, stock


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (Decimal("1.234500"), "1.2345"),
        (Decimal("0.910000"), "0.91"),
        (Decimal("1250.000000"), "1250"),
        (Decimal("1234567.000001"), "1234567.000001"),
        (Decimal("0.000001"), "0.000001"),
        (Decimal("-0.000000"), "0"),
        (None, ""),
    ],
)
def test_an_input_amount_is_exact_and_plain(stored, typed):
    assert input_amount(stored) == typed


def test_the_display_rounds_where_the_input_does_not():
    assert format_amount(Decimal("1234.5678")) == "1,234.568"
    assert input_amount(Decimal("1234.5678")) == "1234.5678"


@pytest.fixture
def fine_soap(acme):
    """A recipe whose yield and a line have more decimals than the pages show: 1.2345 kg of soap
    from 1.2345 g of fragrance, with its own output item."""
    scent = make_item("Lavender oil")
    stock(scent, "100", "0.50")
    base = make_item("Soap base", "kg")
    return create_recipe(
        name="Fine soap",
        category="soap",
        content=VersionContent(
            yield_quantity="1.2345",
            yield_unit="kg",
            lines=[LineInput(scent.pk, "1.2345", "g")],
        ),
        output_item_id=base.pk,
        publish=True,
    )


def test_the_recipe_edit_form_keeps_the_exact_yield_and_line_quantity(fine_soap, owner_client):
    form = page_text(owner_client.get(f"/recipes/{fine_soap.pk}/edit/"))
    assert 'name="yield_quantity" value="1.2345"' in form
    assert 'name="lines-0-quantity" value="1.2345"' in form
    assert "1.235" not in form


def test_the_finish_form_starts_from_the_exact_planned_yield(fine_soap, owner_client):
    batch = start_batch(batch=plan_batch(version=fine_soap.current_version))
    form = page_text(owner_client.get(f"/batches/{batch.pk}/finish/"))
    assert 'name="actual_yield" value="1.2345"' in form
    assert 'name="outputs-0-quantity" value="1.2345"' in form
    assert 'value="1.235"' not in form


def test_the_guided_finish_starts_from_the_exact_planned_yield(fine_soap, owner_client):
    batch = start_batch(batch=plan_batch(version=fine_soap.current_version))
    form = page_text(owner_client.get(f"/guide/batches/{batch.pk}/finish/"))
    assert 'value="1.2345"' in form
    assert 'value="1.235"' not in form


def test_receiving_for_a_batch_starts_from_the_exact_shortfall(acme, owner_client):
    # 151.2344 g needed, 150 g on hand: rounded for display the shortfall reads 1.234 g, which
    # would leave the batch short; the form must offer all of it.
    lye = make_item("Sodium hydroxide")
    stock(lye, "150", "0.004")
    recipe = make_recipe("Lye soap", [(lye, "151.2344", "g")], prefix="LYE")
    batch = plan_batch(version=recipe.current_version)
    form = page_text(owner_client.get(f"/guide/batches/{batch.pk}/receive/{lye.pk}/"))
    assert 'name="quantity" value="1.2344"' in form
    assert "1.234 g" in form  # the sentence above the form shows it rounded


def test_the_item_edit_form_and_densities_page_keep_the_exact_density(acme, owner_client):
    oil = make_item("Olive oil", density_g_per_ml=Decimal("1.2345"))
    form = page_text(owner_client.get(f"/inventory/items/{oil.pk}/edit/"))
    assert 'value="1.2345"' in form
    page = page_text(owner_client.get("/inventory/units/"))
    assert (
        f'id="density-{oil.pk}" name="density_g_per_ml" inputmode="decimal" value="1.2345"' in page
    )
