"""Products and SKUs (read), holds through products' hold services, orders (read, fulfil)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from api.base import ApiView, validated
from api.docs import endpoint
from api.idempotency import idempotent
from api.serializers.sales import (
    EmptyInput,
    HoldInput,
    HoldSerializer,
    OrderDetailSerializer,
    OrderSerializer,
    ProductSerializer,
    SkuSerializer,
)
from products import selectors as products
from products.services.holds import hold, release_hold
from sales.models import Order
from sales.selectors import orders
from sales.services.fulfilment import fulfil_order


@extend_schema_view(
    get=endpoint(
        "List products with their SKUs", response=ProductSerializer(many=True), tag="sales"
    )
)
class ProductList(ApiView, generics.ListAPIView):
    permissions = {"GET": "products.view"}
    serializer_class = ProductSerializer

    def get_queryset(self):
        return products.product_list(include_archived=True)


@extend_schema_view(
    get=endpoint("List SKUs with their stock", response=SkuSerializer(many=True), tag="sales")
)
class SkuList(ApiView, generics.ListAPIView):
    permissions = {"GET": "products.view"}
    serializer_class = SkuSerializer

    def get_queryset(self):
        return products.sku_list()


@extend_schema_view(
    get=endpoint("List open holds", response=HoldSerializer(many=True), tag="sales"),
    post=endpoint(
        "Hold a SKU's stock for an order (nobody else can use it)",
        request=HoldInput,
        response=HoldSerializer,
        status=201,
        write=True,
        idempotent=True,
        tag="sales",
        examples=[
            OpenApiExample(
                "Hold 6 bars",
                value={"sku": 3, "quantity": "6", "note": "Market on Saturday"},
                request_only=True,
            )
        ],
    ),
)
class HoldList(ApiView, generics.ListAPIView):
    permissions = {"GET": "products.view", "POST": "products.sell"}
    serializer_class = HoldSerializer

    def get_queryset(self):
        return products.open_holds()

    @idempotent
    def post(self, request):
        data = validated(HoldInput, request)
        held = hold(
            sku=products.sku_detail(data["sku"]),
            quantity=data["quantity"],
            note=data["note"],
            actor_id=self.principal.actor_id,
        )
        return Response(HoldSerializer(held).data, status=status.HTTP_201_CREATED)


class HoldRelease(ApiView):
    permissions = {"POST": "products.sell"}
    serializer_class = EmptyInput

    @endpoint(
        "Release a hold: the stock is free again",
        request=EmptyInput,
        response=HoldSerializer,
        write=True,
        idempotent=True,
        tag="sales",
        examples=[OpenApiExample("Release", value={}, request_only=True)],
    )
    @idempotent
    def post(self, request, pk: int):
        validated(EmptyInput, request)
        released = release_hold(reservation=products.hold(pk), actor_id=self.principal.actor_id)
        return Response(HoldSerializer(released).data)


@extend_schema_view(
    get=endpoint(
        "List orders",
        response=OrderSerializer(many=True),
        tag="sales",
        parameters=[OpenApiParameter("status", str, enum=Order.Status.values)],
    )
)
class OrderList(ApiView, generics.ListAPIView):
    permissions = {"GET": "sales.view"}
    serializer_class = OrderSerializer

    def get_queryset(self):
        wanted = self.request.query_params.get("status", "")
        return orders.order_list(status=wanted if wanted in Order.Status.values else "")


@extend_schema_view(
    get=endpoint("One order with its lines", response=OrderDetailSerializer, tag="sales")
)
class OrderDetail(ApiView, generics.RetrieveAPIView):
    permissions = {"GET": "sales.view"}
    serializer_class = OrderDetailSerializer

    def get_object(self):
        return orders.order_detail(self.kwargs["pk"])


class OrderFulfil(ApiView):
    permissions = {"POST": "sales.fulfil"}
    serializer_class = EmptyInput

    @endpoint(
        "Fulfil an order: every line's stock leaves, all or nothing",
        request=EmptyInput,
        response=OrderDetailSerializer,
        write=True,
        idempotent=True,
        tag="sales",
        examples=[OpenApiExample("Fulfil", value={}, request_only=True)],
    )
    @idempotent
    def post(self, request, pk: int):
        validated(EmptyInput, request)
        order = fulfil_order(order=orders.order_detail(pk), actor_id=self.principal.actor_id)
        return Response(OrderDetailSerializer(orders.order_detail(order.pk)).data)
