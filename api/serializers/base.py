from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# Quantities and money arrive as JSON numbers or strings and are parsed exactly (Decimal); more
# digits than the database keeps is refused here, before any service sees it.
MAX_DIGITS = 14
PLACES = 6


def decimal_input(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=MAX_DIGITS, decimal_places=PLACES, **kwargs)


@extend_schema_field({"type": "string", "format": "decimal", "example": "12.5"})
class ExactDecimal(serializers.Field):
    """An exact decimal as a string, without trailing zeros ("12.5", never 12.5 as a float)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return exact_text(Decimal(value))


def exact_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def read_decimal(**kwargs) -> ExactDecimal:
    return ExactDecimal(**kwargs)


class StrictInput(serializers.Serializer):
    """Refuses fields it does not declare (nested inputs too), so a typo never passes silently."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(name) for name in set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: [
                            serializers.ErrorDetail("This field is unknown.", code="unknown_field")
                        ]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


ZERO = Decimal("0")
