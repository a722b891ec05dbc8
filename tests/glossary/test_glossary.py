"""The glossary: terms explained where they first appear, and counted stock named by what it counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from batchtrack import glossary
from inventory.models import Item


@pytest.mark.parametrize(
    ("noun", "plural"),
    [("bar", "bars"), ("box", "boxes"), ("jelly", "jellies"), ("tray", "trays"),
     ("glass", "glasses"), ("pieces", "pieces"), ("", "")],
)  # fmt: skip
def test_plural(noun, plural):
    assert glossary.plural(noun) == plural


@pytest.mark.parametrize(
    ("quantity", "unit", "noun", "shown"),
    [
        (Decimal("10"), "each", "bar", "10 bars"),
        (Decimal("1"), "each", "bar", "1 bar"),
        (Decimal("2"), "each", "", "2 pieces"),
        (Decimal("1"), "each", "", "1 piece"),
        (Decimal("500"), "g", "bar", "500 g"),
        (Decimal("0.5"), "kg", "", "0.5 kg"),
    ],
)
def test_counted_stock_reads_as_what_it_counts(quantity, unit, noun, shown):
    assert glossary.quantity_words(quantity, unit, noun) == shown


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_a_term_is_explained_where_it_first_appears_and_named_after():
    text = render('{% term "lot" %} and again {% term "lot" "Lots" %}')
    assert text == (
        '<span class="glossary-term">lot</span> <span class="text-body-secondary">(one delivery '
        "you received, or one batch you made, with its own code, cost and dates)</span> and "
        "again Lots"
    )


def test_an_unknown_term_fails_loudly():
    with pytest.raises(KeyError):
        render('{% term "widget" %}')


def test_unit_for_names_an_items_counted_stock():
    soap = Item(name="Soap", stock_unit="each", count_noun="bar")
    oil = Item(name="Oil", stock_unit="g")
    text = render(
        "{{ soap|unit_for:10 }} {{ soap|unit_for:1 }} {{ oil|unit_for:10 }} {{ 'each'|unit_for }}"
        "{{ missing|unit_for:2 }}",
        soap=soap,
        oil=oil,
    )
    assert text == "bars bar g pieces"


def test_unit_for_names_a_recipes_yield_by_its_portion():
    class Version:
        yield_unit, portion_name = "each", "bar"

    assert render("{{ v|unit_for:12 }} {{ v|unit_for:'x' }}", v=Version()) == "bars bars"


def test_costing_methods_have_plain_names():
    assert render("{% costing_method_words 'fifo' %}, {% costing_method_words 'average' %}") == (
        "oldest first, average cost"
    )


def test_a_product_made_from_a_recipe_counts_in_its_portion(acme):
    from products.services import NewProduct, create_recipe_product
    from tests.recipes.factories import make_item, make_recipe

    recipe = make_recipe(
        "Olive bar soap", [(make_item("olive oil"), "100", "g")], portion_name="bar"
    )
    sku = create_recipe_product(recipe_id=recipe.pk, new=NewProduct(name="Olive bar soap"))
    assert (sku.item.stock_unit, sku.item.count_noun) == ("each", "bar")


def test_an_item_keeps_its_count_noun_in_lower_case(acme):
    from inventory.errors import InvalidItem
    from inventory.services import create_item, update_item

    item = create_item(organization=acme, name="Glass jar", stock_unit="each", count_noun=" Jar ")
    assert item.count_noun == "jar"
    with pytest.raises(InvalidItem) as refused:
        update_item(item=item, count_noun="x" * 41)
    assert refused.value.field == "count_noun"
    assert Item.objects.get(pk=item.pk).count_noun == "jar"
