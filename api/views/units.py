"""Unit conversion with the workspace's custom units and, for mass <-> volume, an item's density."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework.response import Response

from api.base import ApiView
from api.docs import endpoint
from api.serializers.units import ConvertQuery, ConvertResult
from inventory import units
from inventory.selectors import plain_item
from recipes.selectors import custom_unit_defs


class Convert(ApiView):
    permissions = {"GET": "inventory.view"}
    serializer_class = ConvertResult

    @endpoint(
        "Convert a quantity between units",
        response=ConvertResult,
        tag="units",
        parameters=[
            OpenApiParameter("quantity", str, required=True, description="e.g. 1.5"),
            OpenApiParameter("from_unit", str, required=True, description="e.g. lb"),
            OpenApiParameter("to_unit", str, required=True, description="e.g. g"),
            OpenApiParameter("item", int, description="Whose density to use for g <-> ml."),
        ],
        examples=[
            OpenApiExample(
                "A pound in grams",
                value={"quantity": "1", "from_unit": "lb", "result": "453.59237", "to_unit": "g"},
                response_only=True,
            )
        ],
    )
    def get(self, request):
        query = ConvertQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        data = query.validated_data
        item = plain_item(data["item"]) if "item" in data else None
        exact = units.convert(
            data["quantity"],
            data["from_unit"],
            data["to_unit"],
            density=item.density_g_per_ml if item else None,
            custom_units=custom_unit_defs(data["from_unit"], data["to_unit"]),
            item_name=item.name if item else None,
        )
        return Response(
            ConvertResult(
                {
                    "quantity": units.parse_amount(data["quantity"], allow_zero=True, places=None),
                    "from_unit": data["from_unit"],
                    "result": units.to_storage(exact),
                    "to_unit": data["to_unit"],
                }
            ).data
        )
