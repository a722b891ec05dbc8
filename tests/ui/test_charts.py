"""Charts as server-rendered SVG: the helper itself, the numbers behind each chart, and the chart
endpoints other pages load with htmx."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from batches.services import OutputInput, finish_batch, plan_batch, start_batch
from products.services import create_product, create_sku
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock
from workspace.selectors.charts import batch_costs, stock_levels
from workspace.svg import Bar, Point, bar_chart, line_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [("0", "1"), ("0.7", "1"), ("1", "1"), ("1.2", "2"), ("2.2", "2.5"), ("4", "5"), ("7", "10")]
    + [("1200", "2000"), ("0.031", "0.05")],
)
def test_nice_ceiling(value, ceiling):
    assert nice_ceiling(Decimal(value)) == Decimal(ceiling)


def test_line_chart_is_an_image_with_its_title_and_description():
    svg = line_chart(
        [Point("Mar 1", Decimal("5")), Point("Mar 2", Decimal("3"))],
        title="Stock of <Olive> oil",
        description="From 5 g to 3 g.",
        unit="g",
    )
    assert svg.startswith('<svg class="chart" viewBox="0 0 560 220" role="img" aria-labelledby="')
    chart_id = re.search(r'aria-labelledby="(chart\d+)-t \1-d"', svg).group(1)
    assert f'<title id="{chart_id}-t">Stock of &lt;Olive&gt; oil</title>' in svg
    assert f'<desc id="{chart_id}-d">From 5 g to 3 g.</desc>' in svg
    assert svg.count("<circle") == 2
    # y runs from 0 to a round 5: the first point at the top of the plot, the second at 3/5.
    assert '<path class="chart-line" d="M64.0 28.0 L544.0 90.4"' in svg
    assert "style=" not in svg


def test_step_chart_holds_each_level_until_the_next():
    svg = line_chart(
        [Point("a", Decimal("2")), Point("b", Decimal("1"))], title="t", description="d", step=True
    )
    assert 'd="M64.0 28.0 H544.0 V106.0"' in svg


def test_a_chart_without_data_says_so():
    assert "No data yet" in line_chart([], title="t", description="d")
    assert "No data yet" in bar_chart([], title="t", description="d")


def test_bar_chart_writes_each_value_after_its_bar():
    svg = bar_chart(
        [Bar("Ingredient", Decimal("30"), "$30.00"), Bar("Packaging", Decimal("15"), "$15.00")],
        title="Value",
        description="d",
    )
    assert re.findall(r'<rect class="chart-bar" x="120" y="\d+" width="([\d.]+)"', svg) == [
        "344.0",
        "172.0",
    ]
    assert ">$30.00</text>" in svg and ">Packaging</text>" in svg


def test_stock_levels_sum_the_ledger_by_day(acme):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    stock(oil, "500", "0.01")
    from inventory.services import consume

    consume(item=oil, quantity="300")
    today = timezone.localdate()
    assert [(level.day, level.quantity) for level in stock_levels(item=oil)] == [
        (today, Decimal("1200"))
    ]
    # Seen from 100 days on, everything moved before the window: it opens at that level.
    later = stock_levels(item=oil, now=timezone.now() + timedelta(days=100))
    assert [level.quantity for level in later] == [Decimal("1200"), Decimal("1200")]
    assert later[0].day == today + timedelta(days=10)


def _finished(recipe, sku, *, yield_):
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    finish_batch(batch=batch, actual_yield=yield_, outputs=[OutputInput(sku.item_id, yield_)])
    return batch


def test_batch_costs_give_the_cost_per_unit_of_each_finished_batch(acme):
    oil = make_item("Olive oil")
    stock(oil, "500", "0.01")
    stock(oil, "500", "0.03")
    sku = create_sku(product=create_product(name="Bar"), price="5")
    recipe = make_recipe("Castile soap", [(oil, "500", "g")])
    first = _finished(recipe, sku, yield_="10")  # 500 g at 0.01: $5 for 10 bars
    second = _finished(recipe, sku, yield_="8")  # 500 g at 0.03: $15 for 8 bars
    plan_batch(version=recipe.current_version)  # not finished: left out
    costs = batch_costs(recipe=recipe)
    assert [(c.code, c.per_unit) for c in costs] == [
        (first.code, Decimal("0.5")),
        (second.code, Decimal("1.875")),
    ]


def test_chart_endpoints_answer_htmx_with_the_chart_and_browsers_with_a_page(acme, owner_client):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    partial = page_text(owner_client.get(f"/charts/items/{oil.pk}/stock/", HTTP_HX_REQUEST="true"))
    assert partial.lstrip().startswith('<section aria-labelledby="chart-heading"')
    assert "Olive oil has 1,000 g on hand; in the last 90 days its stock moved only on" in partial
    page = page_text(owner_client.get(f"/charts/items/{oil.pk}/stock/"))
    assert "<h1>Stock of Olive oil over the last 90 days</h1>" in page


def test_chart_of_a_recipe_without_finished_batches_says_so(acme, owner_client):
    oil = make_item("Olive oil")
    recipe = make_recipe("Castile soap", [(oil, "500", "g")])
    page = page_text(owner_client.get(f"/charts/recipes/{recipe.pk}/costs/"))
    assert "No batch of Castile soap has been finished yet." in page


def test_charts_of_missing_things_are_not_found(owner_client):
    assert owner_client.get("/charts/items/999999/stock/").status_code == 404
    assert owner_client.get("/charts/recipes/999999/costs/").status_code == 404


def test_item_and_recipe_pages_load_their_charts(acme):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    sku = create_sku(product=create_product(name="Bar"), price="5")
    recipe = make_recipe("Castile soap", [(oil, "500", "g")])
    _finished(recipe, sku, yield_="10")
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    item_page = page_text(viewer.get(f"/inventory/items/{oil.pk}/"))
    assert f'hx-get="/charts/items/{oil.pk}/stock/" hx-trigger="load"' in item_page
    recipe_page = page_text(viewer.get(f"/recipes/{recipe.pk}/"))
    assert f'hx-get="/charts/recipes/{recipe.pk}/costs/" hx-trigger="load"' in recipe_page
    assert viewer.get(f"/charts/recipes/{recipe.pk}/costs/").status_code == 200
