"""A recipe's cost per unit in words, by the workspace's costing method, with the other method in
its details; what has no cost yet is said, never marked with "*" or "(part)"."""

from __future__ import annotations

from inventory.services import set_costing_method
from recipes.cost_words import both_methods
from recipes.services import estimate_cost
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def test_a_complete_cost_is_one_amount_per_portion(acme):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    recipe = make_recipe("Plain soap", [(oil, "980", "g")], portion_name="bar")
    main, other = both_methods(estimate_cost(version=recipe.current_version), "fifo")
    assert (main.method, other.method) == ("fifo", "average")
    assert main.sentence("bar") == "$0.98 per bar"
    assert main.total_sentence() == "$9.80"


def test_a_cost_that_misses_something_says_what_in_words(acme):
    oil = make_item("olive oil")
    lye = make_item("lye")
    stock(lye, "98", "0.10")
    recipe = make_recipe("Lye soap", [(lye, "98", "g"), (oil, "100", "g")], portion_name="bar")
    main, _other = both_methods(estimate_cost(version=recipe.current_version), "fifo")
    assert main.sentence("bar") == "$0.98 per bar so far; 100 g of olive oil has no cost yet"


def test_several_missing_costs_are_listed(acme):
    oil, butter = make_item("olive oil"), make_item("shea butter")
    boxes = make_item("kraft box", "each", count_noun="box")
    recipe = make_recipe("Boxed", [(oil, "100", "g"), (butter, "50", "g"), (boxes, "10", "each")])
    _main, average = both_methods(estimate_cost(version=recipe.current_version), "average")
    assert average.total_sentence() == (
        "$0.00 so far; 100 g of olive oil, 50 g of shea butter and 10 boxes of kraft box have no cost yet"
    )


def test_the_recipe_page_shows_the_workspace_methods_cost_and_the_other_in_details(acme):
    oil = make_item("olive oil")
    stock(oil, "500", "0.01", days_ago=2)
    stock(oil, "500", "0.03", days_ago=1)
    recipe = make_recipe("Castile", [(oil, "600", "g")], portion_name="bar")
    set_costing_method(method="average")
    client = workspace_client(make_member(acme, "viewer"), acme)

    text = page_text(client.get(f"/recipes/{recipe.pk}/"))

    assert "Costs <strong>$1.20 per bar</strong>." in text  # average: 600 g at $0.02
    assert 'By <span class="glossary-term">oldest first</span>' in text
    assert "$0.80 per bar, $8.00 per batch." in text  # FIFO: 500 x 0.01 + 100 x 0.03
    assert "*" not in text.split("<main", 1)[-1].split("</main>")[0]
    assert "(part)" not in text


def test_the_recipe_page_says_what_has_no_cost_yet(acme):
    oil = make_item("olive oil")
    lye = make_item("lye")
    stock(lye, "98", "0.10")
    recipe = make_recipe("Lye soap", [(lye, "98", "g"), (oil, "100", "g")], portion_name="bar")
    client = workspace_client(make_member(acme, "viewer"), acme)

    text = page_text(client.get(f"/recipes/{recipe.pk}/"))

    assert "$0.98 per bar so far; 100 g of olive oil has no cost yet" in text
