"""Stock writes: receive, consume, adjust, each through inventory's service (locks, ledger,
all-or-nothing). An `Idempotency-Key` header makes a retried POST return the first call's result
(api/idempotency.py)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample
from rest_framework import status
from rest_framework.response import Response

from api.base import ApiView, validated
from api.docs import endpoint
from api.idempotency import idempotent
from api.serializers.inventory import (
    AdjustInput,
    AdjustResultSerializer,
    ConsumeInput,
    ConsumeResultSerializer,
    LotSerializer,
    ReceiveInput,
)
from inventory import services


def _fields(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names if name in data}


class Receive(ApiView):
    permissions = {"POST": "inventory.receive"}
    serializer_class = ReceiveInput

    @endpoint(
        "Receive stock into a new lot",
        request=ReceiveInput,
        response=LotSerializer,
        status=201,
        write=True,
        tag="stock",
        idempotent=True,
        examples=[
            OpenApiExample(
                "5 kg of olive oil",
                value={"item": 7, "quantity": "5", "unit": "kg", "total_cost": "60.50"},
                request_only=True,
            )
        ],
    )
    @idempotent
    def post(self, request):
        data = validated(ReceiveInput, request)
        lot = services.receive(
            item=data["item"],
            quantity=data["quantity"],
            actor_id=self.principal.actor_id,
            idempotency_key=self.idempotency_key(),
            **_fields(
                data,
                "unit",
                "unit_cost",
                "total_cost",
                "received_at",
                "expires_at",
                "hold_until",
                "supplier",
                "supplier_lot_code",
                "note",
            ),
        )
        return Response(LotSerializer(lot).data, status=status.HTTP_201_CREATED)


class Consume(ApiView):
    permissions = {"POST": "inventory.adjust"}
    serializer_class = ConsumeInput

    @endpoint(
        "Use stock, oldest usable lots first (all or nothing)",
        request=ConsumeInput,
        response=ConsumeResultSerializer,
        status=201,
        write=True,
        tag="stock",
        idempotent=True,
        examples=[
            OpenApiExample(
                "500 g of olive oil",
                value={"item": 7, "quantity": "500", "unit": "g", "note": "Test pour"},
                request_only=True,
            )
        ],
    )
    @idempotent
    def post(self, request):
        data = validated(ConsumeInput, request)
        result = services.consume(
            item=data["item"],
            quantity=data["quantity"],
            actor_id=self.principal.actor_id,
            idempotency_key=self.idempotency_key(),
            **_fields(data, "unit", "note"),
        )
        return Response(ConsumeResultSerializer(result).data, status=status.HTTP_201_CREATED)


class Adjust(ApiView):
    permissions = {"POST": "inventory.adjust"}
    serializer_class = AdjustInput

    @endpoint(
        "Adjust stock: recount, spoil, trash, damaged, expired, tester, gift, sample, returned",
        request=AdjustInput,
        response=AdjustResultSerializer,
        status=201,
        write=True,
        tag="stock",
        idempotent=True,
        examples=[
            OpenApiExample(
                "A recount",
                value={"item": 7, "kind": "recount", "quantity": "3200", "unit": "g"},
                request_only=True,
            )
        ],
    )
    @idempotent
    def post(self, request):
        data = validated(AdjustInput, request)
        result = services.adjust(
            item=data["item"],
            kind=data["kind"],
            actor_id=self.principal.actor_id,
            idempotency_key=self.idempotency_key(),
            **_fields(data, "quantity", "unit", "lot", "unit_cost", "note"),
        )
        return Response(AdjustResultSerializer(result).data, status=status.HTTP_201_CREATED)
