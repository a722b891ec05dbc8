"""/api/v1/ on a workspace host: the schema, its reference page, and one route per resource."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from api.views import batches, inventory, recipes, sales, stock, units

app_name = "api"


class Schema(SpectacularAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class Reference(SpectacularSwaggerSplitView):
    """The browsable reference page; Swagger UI's files come from drf-spectacular-sidecar's
    static files (served by WhiteNoise); its script and styles are separate files, not inline, so the
    Content-Security-Policy needs no exception here (templates/api/reference.html)."""

    template_name = "api/reference.html"
    authentication_classes: list = []
    permission_classes = [AllowAny]
    url_name = "api:schema"


@csrf_exempt  # no session is trusted here: it only answers 404
def no_such_endpoint(request, rest: str = ""):
    """Any other path under /api/v1/: the API's JSON 404, not the pages' HTML one."""
    return JsonResponse(
        {"code": "not_found", "message": "There is no such API endpoint.", "field": None},
        status=404,
    )


urlpatterns = [
    path("schema/", Schema.as_view(), name="schema"),
    path("docs/", Reference.as_view(), name="docs"),
    path("items/", inventory.ItemList.as_view(), name="item_list"),
    path("items/<int:pk>/", inventory.ItemDetail.as_view(), name="item_detail"),
    path("lots/", inventory.LotList.as_view(), name="lot_list"),
    path("lots/<int:pk>/", inventory.LotDetail.as_view(), name="lot_detail"),
    path("movements/", inventory.MovementList.as_view(), name="movement_list"),
    path("stock/receive/", stock.Receive.as_view(), name="receive"),
    path("stock/consume/", stock.Consume.as_view(), name="consume"),
    path("stock/adjust/", stock.Adjust.as_view(), name="adjust"),
    path("units/convert/", units.Convert.as_view(), name="convert"),
    path("recipes/", recipes.RecipeList.as_view(), name="recipe_list"),
    path("recipes/<int:pk>/", recipes.RecipeDetail.as_view(), name="recipe_detail"),
    path("recipes/<int:pk>/drafts/", recipes.RecipeDraft.as_view(), name="recipe_draft"),
    path("recipe-versions/<int:pk>/", recipes.VersionDetail.as_view(), name="version_detail"),
    path(
        "recipe-versions/<int:pk>/stock-check/",
        recipes.VersionStockCheck.as_view(),
        name="version_stock_check",
    ),
    path("batches/", batches.BatchList.as_view(), name="batch_list"),
    path("batches/<int:pk>/", batches.BatchDetail.as_view(), name="batch_detail"),
    path("batches/<int:pk>/start/", batches.BatchStart.as_view(), name="batch_start"),
    path("batches/<int:pk>/finish/", batches.BatchFinish.as_view(), name="batch_finish"),
    path("batches/<int:pk>/cancel/", batches.BatchCancel.as_view(), name="batch_cancel"),
    path("batches/<int:pk>/fail/", batches.BatchFail.as_view(), name="batch_fail"),
    path("products/", sales.ProductList.as_view(), name="product_list"),
    path("skus/", sales.SkuList.as_view(), name="sku_list"),
    path("holds/", sales.HoldList.as_view(), name="hold_list"),
    path("holds/<int:pk>/release/", sales.HoldRelease.as_view(), name="hold_release"),
    path("orders/", sales.OrderList.as_view(), name="order_list"),
    path("orders/<int:pk>/", sales.OrderDetail.as_view(), name="order_detail"),
    path("orders/<int:pk>/fulfil/", sales.OrderFulfil.as_view(), name="order_fulfil"),
    # Last: whatever else is asked under /api/v1/.
    re_path(r"^(?P<rest>.*)$", no_such_endpoint),
]
