"""Unit conversion: a question and its exact answer."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.base import StrictInput, read_decimal


class ConvertQuery(StrictInput):
    quantity = serializers.CharField(max_length=40)
    from_unit = serializers.CharField(max_length=40)
    to_unit = serializers.CharField(max_length=40)
    item = serializers.IntegerField(
        min_value=1, required=False, help_text="Use this item's density (grams per ml)."
    )


class ConvertResult(serializers.Serializer):
    quantity = read_decimal()
    from_unit = serializers.CharField()
    result = read_decimal(help_text="Exact, to 6 decimal places.")
    to_unit = serializers.CharField()
