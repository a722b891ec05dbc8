"""Recipes and versions (read), new recipes and drafts through recipes' authoring services, and the
stock check of a version at a scale."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from api.base import ApiView, validated
from api.docs import endpoint
from api.problems import Problem
from api.serializers.recipes import (
    ContentInput,
    RecipeDetailSerializer,
    RecipeInput,
    RecipeSerializer,
    StockCheckSerializer,
    VersionSerializer,
)
from inventory.services import ConsumeLine, check_stock
from recipes import selectors
from recipes.services import authoring
from recipes.services.lines import LineInput, VersionContent
from recipes.services.scaling import scale_version

_CONTENT_EXAMPLE = {
    "yield_quantity": "10",
    "yield_unit": "bar",
    "lines": [
        {"item": 7, "quantity": "500", "unit": "g"},
        {"item": 8, "quantity": "68", "unit": "g", "note": "Lye"},
    ],
    "instructions": "Mix at trace.",
}


def _content(data: dict) -> VersionContent:
    return VersionContent(
        yield_quantity=data.get("yield_quantity"),
        yield_unit=data.get("yield_unit", ""),
        lines=[
            LineInput(line["item"], line["quantity"], line["unit"], line.get("note", ""))
            for line in data.get("lines", [])
        ],
        portion_name=data.get("portion_name", ""),
        instructions=data.get("instructions", ""),
        shelf_life_days=data.get("shelf_life_days"),
        cure_days=data.get("cure_days"),
        change_note=data.get("change_note", ""),
    )


@extend_schema_view(
    get=endpoint("List recipes", response=RecipeSerializer(many=True), tag="recipes"),
    post=endpoint(
        "Create a recipe (version 1 is a draft)",
        request=RecipeInput,
        response=RecipeDetailSerializer,
        status=201,
        write=True,
        tag="recipes",
        examples=[
            OpenApiExample(
                "Lavender soap",
                value={"name": "Lavender soap", "category": "soap", **_CONTENT_EXAMPLE},
                request_only=True,
            )
        ],
    ),
)
class RecipeList(ApiView, generics.ListAPIView):
    permissions = {"GET": "recipes.view", "POST": "recipes.edit"}
    serializer_class = RecipeSerializer

    def get_queryset(self):
        return selectors.recipe_list(include_archived=True)

    def post(self, request):
        data = validated(RecipeInput, request)
        recipe = authoring.create_recipe(
            name=data["name"],
            category=data["category"],
            prefix=data.get("prefix", ""),
            content=_content(data),
            actor_id=self.principal.actor_id,
        )
        detail = selectors.recipe_detail(recipe.pk)
        return Response(RecipeDetailSerializer(detail).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=endpoint("One recipe with its versions", response=RecipeDetailSerializer, tag="recipes")
)
class RecipeDetail(ApiView, generics.RetrieveAPIView):
    permissions = {"GET": "recipes.view"}
    serializer_class = RecipeDetailSerializer

    def get_object(self):
        return selectors.recipe_detail(self.kwargs["pk"])


class RecipeDraft(ApiView):
    permissions = {"POST": "recipes.edit"}
    serializer_class = ContentInput

    @endpoint(
        "Save a recipe's draft (a new draft version, or the open draft replaced)",
        request=ContentInput,
        response=VersionSerializer,
        status=201,
        write=True,
        tag="recipes",
        examples=[OpenApiExample("A draft", value=_CONTENT_EXAMPLE, request_only=True)],
    )
    def post(self, request, pk: int):
        recipe = selectors.plain_recipe(pk)
        data = validated(ContentInput, request)
        version = authoring.save_draft(
            recipe=recipe, content=_content(data), actor_id=self.principal.actor_id
        )
        full = selectors.version_with_lines(version.pk)
        return Response(VersionSerializer(full).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=endpoint("One recipe version with its lines", response=VersionSerializer, tag="recipes")
)
class VersionDetail(ApiView, generics.RetrieveAPIView):
    permissions = {"GET": "recipes.view"}
    serializer_class = VersionSerializer

    def get_object(self):
        return selectors.version_with_lines(self.kwargs["pk"])


class VersionStockCheck(ApiView):
    permissions = {"GET": "recipes.view"}
    serializer_class = StockCheckSerializer

    @endpoint(
        "Is there stock to make this version at a scale?",
        response=StockCheckSerializer,
        tag="recipes",
        parameters=[OpenApiParameter("scale", str, description="Times the recipe (default 1).")],
        examples=[
            OpenApiExample(
                "Short of one ingredient",
                value={
                    "status": "short",
                    "ok": False,
                    "scale": "2",
                    "lines": [
                        {
                            "item_id": 7,
                            "item_name": "Olive oil",
                            "needed": "1000",
                            "unit": "g",
                            "available": "350",
                            "shortfall": "650",
                            "status": "short",
                            "message": "You need 650 g more Olive oil.",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, pk: int):
        version = selectors.version_with_lines(pk)
        raw = request.query_params.get("scale", "1")
        if len(raw) > 30:
            raise Problem(400, "invalid_input", "scale: Give a number.", field="scale")
        scaled = scale_version(version=version, factor=raw, lines=list(version.lines.all()))
        result = check_stock(
            lines=[ConsumeLine(line.item.pk, line.quantity, line.unit) for line in scaled.lines]
        )
        body = {
            "status": result.status.value,
            "ok": result.ok,
            "scale": scaled.factor,
            "lines": result.lines,
        }
        return Response(StockCheckSerializer(body).data)
