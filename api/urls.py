"""/api/v1/ on a workspace host: the schema, its reference page, and one route per resource."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from api.views import inventory, stock

app_name = "api"


class Schema(SpectacularAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class Reference(SpectacularSwaggerSplitView):
    """The browsable reference page; Swagger UI's files come from drf-spectacular-sidecar's
    static files (served by WhiteNoise), and its script is a separate file, not inline (CSP)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    url_name = "api:schema"


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
]
