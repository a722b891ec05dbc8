"""Charts (server-rendered SVG) on a workspace host, under /charts/."""

from __future__ import annotations

from django.urls import path

from workspace.views import charts

app_name = "charts"

urlpatterns = [
    path("items/<int:pk>/stock/", charts.item_stock_chart, name="item_stock"),
    path("recipes/<int:pk>/costs/", charts.recipe_cost_chart, name="recipe_costs"),
]
