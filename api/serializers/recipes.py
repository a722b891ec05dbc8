"""Recipes and their versions (read), new recipes and drafts (write), stock checks."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.base import StrictInput, decimal_input, read_decimal
from recipes.models import Category, Recipe, RecipeLine, RecipeVersion


class VersionSummarySerializer(serializers.ModelSerializer):
    yield_quantity = read_decimal(allow_null=True)

    class Meta:
        model = RecipeVersion
        fields = ["id", "number", "status", "yield_quantity", "yield_unit", "published_at"]
        read_only_fields = fields


class RecipeSerializer(serializers.ModelSerializer):
    current_version_id = serializers.IntegerField(read_only=True, allow_null=True)
    base_id = serializers.IntegerField(read_only=True, allow_null=True)
    output_item_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Recipe
        fields = [
            "id",
            "name",
            "category",
            "prefix",
            "base_id",
            "variation_name",
            "current_version_id",
            "output_item_id",
            "is_archived",
            "updated_at",
        ]
        read_only_fields = fields


class RecipeDetailSerializer(RecipeSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta(RecipeSerializer.Meta):
        fields = [*RecipeSerializer.Meta.fields, "versions"]
        read_only_fields = fields


class LineSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField(read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    quantity = read_decimal()

    class Meta:
        model = RecipeLine
        fields = ["position", "item_id", "item_name", "quantity", "unit", "note"]
        read_only_fields = fields


class VersionSerializer(VersionSummarySerializer):
    recipe_id = serializers.IntegerField(read_only=True)
    lines = LineSerializer(many=True, read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [
            *VersionSummarySerializer.Meta.fields,
            "recipe_id",
            "portion_name",
            "instructions",
            "shelf_life_days",
            "cure_days",
            "change_note",
            "lines",
        ]
        read_only_fields = fields


class LineInputSerializer(StrictInput):
    item = serializers.IntegerField(min_value=1)
    quantity = decimal_input()
    unit = serializers.CharField(max_length=40)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ContentInput(StrictInput):
    yield_quantity = decimal_input(required=False, allow_null=True)
    yield_unit = serializers.CharField(max_length=40, required=False, allow_blank=True)
    lines = LineInputSerializer(many=True, required=False, max_length=200)
    portion_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
    instructions = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    shelf_life_days = serializers.IntegerField(min_value=0, max_value=36500, required=False)
    cure_days = serializers.IntegerField(min_value=0, max_value=3650, required=False)
    change_note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RecipeInput(ContentInput):
    name = serializers.CharField(max_length=100)
    category = serializers.ChoiceField(choices=Category.choices, default=Category.OTHER)
    prefix = serializers.CharField(max_length=10, required=False, allow_blank=True)


class StockCheckLineSerializer(serializers.Serializer):
    item_id = serializers.IntegerField(allow_null=True)
    item_name = serializers.CharField()
    needed = read_decimal(allow_null=True)
    unit = serializers.CharField()
    available = read_decimal(allow_null=True)
    shortfall = read_decimal()
    status = serializers.ChoiceField(choices=["ok", "low", "short", "error"])
    message = serializers.CharField()


class StockCheckSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "low", "short", "error"])
    ok = serializers.BooleanField()
    scale = read_decimal()
    lines = StockCheckLineSerializer(many=True)
