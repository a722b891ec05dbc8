"""Products and SKUs (read), holds (stock set aside for an order), and orders."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.base import StrictInput, decimal_input, read_decimal
from inventory.models import Reservation
from products.models import Product, Sku
from sales.models import Order, OrderLine


class SkuSerializer(serializers.ModelSerializer):
    product_id = serializers.IntegerField(read_only=True)
    item_id = serializers.IntegerField(read_only=True)
    price = read_decimal()
    on_hand = read_decimal(source="item.on_hand")
    reserved = read_decimal(source="item.reserved")
    stock_unit = serializers.CharField(source="item.stock_unit", read_only=True)

    class Meta:
        model = Sku
        fields = [
            "id",
            "code",
            "product_id",
            "item_id",
            "price",
            "on_hand",
            "reserved",
            "stock_unit",
            "is_archived",
        ]
        read_only_fields = fields


class ProductSerializer(serializers.ModelSerializer):
    recipe_id = serializers.IntegerField(read_only=True, allow_null=True)
    skus = SkuSerializer(many=True, read_only=True)

    class Meta:
        model = Product
        fields = ["id", "name", "code", "category", "recipe_id", "is_archived", "skus"]
        read_only_fields = fields


class HoldSerializer(serializers.ModelSerializer):
    sku_id = serializers.IntegerField(source="reference_id", read_only=True)
    item_id = serializers.IntegerField(read_only=True)
    quantity = read_decimal()

    class Meta:
        model = Reservation
        fields = ["id", "sku_id", "item_id", "quantity", "status", "note", "created_at"]
        read_only_fields = fields


class HoldInput(StrictInput):
    sku = serializers.IntegerField(min_value=1)
    quantity = decimal_input(help_text="In the SKU's stock unit.")
    note = serializers.CharField(max_length=200, help_text="Who or what the stock is held for.")


class OrderLineSerializer(serializers.ModelSerializer):
    sku_id = serializers.IntegerField(read_only=True)
    sku_code = serializers.CharField(source="sku.code", read_only=True)
    quantity = read_decimal()
    unit_price = read_decimal()
    discount = read_decimal()
    cost = read_decimal(help_text="What the stock it took cost (set when fulfilled).")

    class Meta:
        model = OrderLine
        fields = ["position", "sku_id", "sku_code", "quantity", "unit_price", "discount", "cost"]
        read_only_fields = fields


class OrderSerializer(serializers.ModelSerializer):
    customer_id = serializers.IntegerField(read_only=True, allow_null=True)
    customer_name = serializers.CharField(
        source="customer.name", read_only=True, allow_null=True, default=None
    )
    shipping_charged = read_decimal()
    marketplace_fee = read_decimal()

    class Meta:
        model = Order
        fields = [
            "id",
            "status",
            "customer_id",
            "customer_name",
            "shipping_charged",
            "marketplace_fee",
            "note",
            "created_at",
            "fulfilled_at",
            "closed_at",
        ]
        read_only_fields = fields


class OrderDetailSerializer(OrderSerializer):
    lines = OrderLineSerializer(many=True, read_only=True, source="line_rows")

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "lines"]
        read_only_fields = fields


class EmptyInput(StrictInput):
    pass
