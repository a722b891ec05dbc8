"""Items, lots and ledger movements (read), and the receive/consume/adjust requests and results."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.base import StrictInput, decimal_input, read_decimal
from inventory.models import Item, Lot, Movement

ADJUST_KINDS = [
    Movement.Kind.RECOUNT,
    Movement.Kind.SPOIL,
    Movement.Kind.TRASH,
    Movement.Kind.DAMAGED,
    Movement.Kind.EXPIRED,
    Movement.Kind.TESTER,
    Movement.Kind.GIFT,
    Movement.Kind.SAMPLE,
    Movement.Kind.RETURNED,
]


class ItemSerializer(serializers.ModelSerializer):
    on_hand = read_decimal()
    reserved = read_decimal()
    usable = read_decimal(help_text="On hand that production may use (not expired, not curing).")
    stock_value = read_decimal(help_text="What the stock on hand is worth, exact.")
    low_stock_threshold = read_decimal()
    density_g_per_ml = read_decimal(allow_null=True)
    is_low = serializers.BooleanField(read_only=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "name",
            "kind",
            "category",
            "stock_unit",
            "on_hand",
            "reserved",
            "usable",
            "stock_value",
            "low_stock_threshold",
            "is_low",
            "is_tracked",
            "density_g_per_ml",
            "shelf_life_days",
            "is_archived",
            "updated_at",
        ]
        read_only_fields = fields


class LotSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField(read_only=True)
    quantity_received = read_decimal()
    quantity_remaining = read_decimal()
    unit_cost = read_decimal(help_text="Per stock unit of the item.")

    class Meta:
        model = Lot
        fields = [
            "id",
            "item_id",
            "source",
            "quantity_received",
            "quantity_remaining",
            "unit_cost",
            "received_at",
            "expires_at",
            "hold_until",
            "supplier",
            "supplier_lot_code",
            "note",
        ]
        read_only_fields = fields


class MovementSerializer(serializers.ModelSerializer):
    item_id = serializers.IntegerField(read_only=True)
    lot_id = serializers.IntegerField(read_only=True, allow_null=True)
    quantity = read_decimal(help_text="Signed, in the item's stock unit.")
    unit_cost = read_decimal()
    value = read_decimal(help_text="Signed money value of the movement, exact.")

    class Meta:
        model = Movement
        fields = [
            "id",
            "item_id",
            "lot_id",
            "kind",
            "quantity",
            "unit_cost",
            "value",
            "reference_type",
            "reference_id",
            "note",
            "operation_id",
            "created_at",
        ]
        read_only_fields = fields


class ReceiveInput(StrictInput):
    item = serializers.IntegerField(min_value=1, help_text="The item's id.")
    quantity = decimal_input(help_text="How much arrived, in `unit`.")
    unit = serializers.CharField(max_length=40, required=False, help_text="Default: stock unit.")
    unit_cost = decimal_input(required=False, help_text="Cost per `unit`; or give total_cost.")
    total_cost = decimal_input(required=False, help_text="Cost of the whole delivery.")
    received_at = serializers.DateTimeField(required=False)
    expires_at = serializers.DateTimeField(required=False)
    hold_until = serializers.DateTimeField(required=False, help_text="Curing or quarantine.")
    supplier = serializers.CharField(max_length=120, required=False, allow_blank=True)
    supplier_lot_code = serializers.CharField(max_length=80, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ConsumeInput(StrictInput):
    item = serializers.IntegerField(min_value=1)
    quantity = decimal_input(help_text="How much to take, in `unit`; oldest usable lots first.")
    unit = serializers.CharField(max_length=40, required=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class AdjustInput(StrictInput):
    item = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=ADJUST_KINDS)
    quantity = decimal_input(
        required=False, help_text="For a recount the counted total; otherwise how much."
    )
    unit = serializers.CharField(max_length=40, required=False)
    lot = serializers.IntegerField(min_value=1, required=False, help_text="Take from this lot.")
    unit_cost = decimal_input(required=False)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class DrawSerializer(serializers.Serializer):
    movement_id = serializers.IntegerField()
    lot_id = serializers.IntegerField(allow_null=True)
    quantity = read_decimal()
    unit_cost = read_decimal()
    value = read_decimal()


class ConsumeResultSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    quantity = read_decimal()
    stock_unit = serializers.CharField()
    total_cost = read_decimal()
    operation_id = serializers.UUIDField()
    draws = DrawSerializer(many=True)


class MovementLineSerializer(serializers.Serializer):
    movement_id = serializers.IntegerField()
    item_id = serializers.IntegerField()
    lot_id = serializers.IntegerField(allow_null=True)
    quantity = read_decimal()
    unit_cost = read_decimal()
    value = read_decimal()


class AdjustResultSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    kind = serializers.CharField()
    quantity_change = read_decimal()
    stock_unit = serializers.CharField()
    lot_id = serializers.IntegerField(allow_null=True)
    value_change = read_decimal()
    operation_id = serializers.UUIDField(allow_null=True)
    movements = MovementLineSerializer(many=True)
