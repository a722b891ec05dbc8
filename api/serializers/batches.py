"""Batches (read) and the lifecycle requests: plan, start, finish, cancel, fail."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.base import StrictInput, decimal_input, read_decimal
from batches.models import Batch, BatchLine, BatchOutput


class BatchSerializer(serializers.ModelSerializer):
    recipe_id = serializers.IntegerField(read_only=True)
    version_id = serializers.IntegerField(read_only=True)
    scale = read_decimal()
    planned_yield = read_decimal()
    actual_yield = read_decimal(allow_null=True)
    consumed_cost = read_decimal(help_text="What the stock it used cost, exact.")
    loss_value = read_decimal()

    class Meta:
        model = Batch
        fields = [
            "id",
            "code",
            "status",
            "recipe_id",
            "version_id",
            "recipe_name",
            "version_number",
            "scale",
            "planned_yield",
            "yield_unit",
            "actual_yield",
            "consumed_cost",
            "loss_value",
            "end_reason",
            "planned_at",
            "started_at",
            "ended_at",
        ]
        read_only_fields = fields


class BatchLineSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField(read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    quantity = read_decimal()
    stock_quantity = read_decimal()

    class Meta:
        model = BatchLine
        fields = [
            "position",
            "item_id",
            "item_name",
            "quantity",
            "unit",
            "stock_quantity",
            "status",
            "is_extra",
        ]
        read_only_fields = fields


class BatchOutputSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField(read_only=True)
    lot_id = serializers.IntegerField(read_only=True)
    quantity = read_decimal()
    unit_cost = read_decimal()
    total_cost = read_decimal()

    class Meta:
        model = BatchOutput
        fields = ["item_id", "lot_id", "quantity", "unit_cost", "total_cost"]
        read_only_fields = fields


class BatchDetailSerializer(BatchSerializer):
    lines = BatchLineSerializer(many=True, read_only=True)
    outputs = BatchOutputSerializer(many=True, read_only=True)

    class Meta(BatchSerializer.Meta):
        fields = [*BatchSerializer.Meta.fields, "lines", "outputs"]
        read_only_fields = fields


class PlanInput(StrictInput):
    version = serializers.IntegerField(min_value=1, help_text="The recipe version to make.")
    scale = decimal_input(required=False, help_text="Times the recipe; or give target_quantity.")
    target_quantity = decimal_input(required=False)
    target_unit = serializers.CharField(max_length=40, required=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class StartInput(StrictInput):
    skip_positions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=1000),
        required=False,
        max_length=200,
        help_text="Lines not to take from stock (e.g. already weighed out).",
    )
    skip_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class OutputInputSerializer(StrictInput):
    item = serializers.IntegerField(min_value=1)
    quantity = decimal_input()
    unit = serializers.CharField(max_length=40, required=False)


class FinishInput(StrictInput):
    actual_yield = decimal_input(help_text="What the batch really made, in its yield unit.")
    outputs = OutputInputSerializer(many=True, required=False, max_length=50)
    expires_at = serializers.DateTimeField(required=False)
    hold_until = serializers.DateTimeField(required=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ReasonInput(StrictInput):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
