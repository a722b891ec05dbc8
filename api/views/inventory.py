"""Items (with stock and value), lots and the ledger: read-only, through inventory's selectors."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import generics

from api.base import ApiView
from api.docs import endpoint
from api.serializers.inventory import ItemSerializer, LotSerializer, MovementSerializer
from inventory import selectors
from inventory.models import Item

ITEM_EXAMPLE = OpenApiExample(
    "An ingredient",
    value={
        "id": 7,
        "name": "Olive oil",
        "kind": "ingredient",
        "category": "Oils",
        "stock_unit": "g",
        "on_hand": "3500",
        "reserved": "0",
        "usable": "3500",
        "stock_value": "42.35",
        "low_stock_threshold": "1000",
        "is_low": False,
        "is_tracked": True,
        "density_g_per_ml": "0.91",
        "shelf_life_days": 365,
        "is_archived": False,
        "updated_at": "2026-11-02T09:30:00Z",
    },
    response_only=True,
)
_ITEM_FILTERS = [
    OpenApiParameter("search", str, description="Name or category contains this."),
    OpenApiParameter("kind", str, enum=Item.Kind.values),
    OpenApiParameter("low_stock", bool, description="Only items under their threshold."),
    OpenApiParameter("archived", bool, description="List archived items instead."),
]
_ITEM_ID = [OpenApiParameter("item", int, description="Only this item's rows.")]


def _flag(request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in ("1", "true", "yes")


def _item_id(request) -> int | None:
    raw = request.query_params.get("item", "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else (-1 if raw else None)


@extend_schema_view(
    get=endpoint(
        "List items with stock and value",
        response=ItemSerializer(many=True),
        examples=[ITEM_EXAMPLE],
        tag="inventory",
        parameters=_ITEM_FILTERS,
    )
)
class ItemList(ApiView, generics.ListAPIView):
    permissions = {"GET": "inventory.view"}
    serializer_class = ItemSerializer

    def get_queryset(self):
        kind = self.request.query_params.get("kind") or None
        return selectors.item_list(
            search=self.request.query_params.get("search", "")[:100],
            kind=kind if kind in Item.Kind.values else None,
            low_stock=_flag(self.request, "low_stock"),
            archived=_flag(self.request, "archived"),
        )


@extend_schema_view(
    get=endpoint(
        "One item with stock and value",
        response=ItemSerializer,
        examples=[ITEM_EXAMPLE],
        tag="inventory",
    )
)
class ItemDetail(ApiView, generics.RetrieveAPIView):
    permissions = {"GET": "inventory.view"}
    serializer_class = ItemSerializer

    def get_object(self):
        return selectors.item_detail(item_id=self.kwargs["pk"])


@extend_schema_view(
    get=endpoint(
        "List lots (deliveries and batch outputs), oldest first",
        response=LotSerializer(many=True),
        tag="inventory",
        parameters=[
            *_ITEM_ID,
            OpenApiParameter("open", bool, description="Only lots with stock left."),
        ],
        examples=[
            OpenApiExample(
                "A lot",
                value={
                    "id": 12,
                    "item_id": 7,
                    "source": "purchase",
                    "quantity_received": "5000",
                    "quantity_remaining": "3500",
                    "unit_cost": "0.0121",
                    "received_at": "2026-10-01T08:00:00Z",
                    "expires_at": "2027-10-01T08:00:00Z",
                    "hold_until": None,
                    "supplier": "Soapers Supply",
                    "supplier_lot_code": "OO-2291",
                    "note": "",
                },
                response_only=True,
            )
        ],
    )
)
class LotList(ApiView, generics.ListAPIView):
    permissions = {"GET": "inventory.view"}
    serializer_class = LotSerializer

    def get_queryset(self):
        return selectors.lot_list(
            item_id=_item_id(self.request), open_only=_flag(self.request, "open")
        )


@extend_schema_view(
    get=endpoint("One lot", response=LotSerializer, tag="inventory"),
)
class LotDetail(ApiView, generics.RetrieveAPIView):
    permissions = {"GET": "inventory.view"}
    serializer_class = LotSerializer

    def get_object(self):
        return selectors.lot_with_item(self.kwargs["pk"])


@extend_schema_view(
    get=endpoint(
        "The stock ledger: every movement, oldest first (read-only)",
        response=MovementSerializer(many=True),
        tag="inventory",
        parameters=_ITEM_ID,
        examples=[
            OpenApiExample(
                "A consumption",
                value={
                    "id": 301,
                    "item_id": 7,
                    "lot_id": 12,
                    "kind": "use",
                    "quantity": "-500",
                    "unit_cost": "0.0121",
                    "value": "-6.05",
                    "reference_type": "batch",
                    "reference_id": 42,
                    "note": "",
                    "operation_id": "7d1c5a9e-2f43-4c55-9e3c-1a2b3c4d5e6f",
                    "created_at": "2026-11-02T09:30:00Z",
                },
                response_only=True,
            )
        ],
    )
)
class MovementList(ApiView, generics.ListAPIView):
    permissions = {"GET": "inventory.view"}
    serializer_class = MovementSerializer

    def get_queryset(self):
        return selectors.movement_list(item_id=_item_id(self.request))
