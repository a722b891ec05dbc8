"""Products' services: the only code that writes products, variants, sizes, SKUs and deductions. Stock
moves only through inventory's services."""

from products.services.catalog import add_size, add_variant, create_product, update_product
from products.services.deductions import deduct, return_sale
from products.services.holds import hold, release_hold, sell_hold
from products.services.simple import (
    NewProduct,
    clean_new_product,
    create_recipe_product,
    create_simple_product,
)
from products.services.skus import create_sku, pattern_code, suggest_sku_code, update_sku

__all__ = [
    "NewProduct",
    "clean_new_product",
    "create_recipe_product",
    "create_simple_product",
    "add_size",
    "add_variant",
    "create_product",
    "create_sku",
    "deduct",
    "hold",
    "pattern_code",
    "release_hold",
    "return_sale",
    "sell_hold",
    "suggest_sku_code",
    "update_product",
    "update_sku",
]
