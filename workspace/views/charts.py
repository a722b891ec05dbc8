"""Charts as server-rendered SVG: an item's stock over time and the cost per unit of a recipe's
batches. Pages load them after they render (htmx, `hx-trigger="load"`), so the charts cost those
pages nothing; without JavaScript the placeholder's link opens the chart as a page of its own."""

from __future__ import annotations

from django.shortcuts import render

from batchtrack.access import permission_required
from batchtrack.view_helpers import found_or_404
from inventory.selectors import plain_item
from recipes.selectors import plain_recipe
from workspace import charts


def _render(request, chart: dict):
    """htmx (the placeholder on the item or recipe page) gets the chart alone; a browser without
    JavaScript following the placeholder's link gets it as a page."""
    template = "workspace/partials/chart.html" if request.htmx else "workspace/chart_page.html"
    return render(request, template, {"chart": chart})


@permission_required("inventory.view")
def item_stock_chart(request, pk: int):
    item = found_or_404(plain_item, "item", pk)
    return _render(request, charts.item_stock(item=item))


@permission_required("recipes.view")
def recipe_cost_chart(request, pk: int):
    recipe = found_or_404(plain_recipe, "recipe", pk)
    return _render(request, charts.recipe_costs(recipe=recipe))
