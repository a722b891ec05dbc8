"""Products' services: the only code that writes products, variants, sizes, SKUs and deductions. Stock
moves only through inventory's services."""

from products.services.catalog import add_size, add_variant, create_product, update_product
from products.services.deductions import deduct, return_sale
from products.services.skus import create_sku, pattern_code, suggest_sku_code, update_sku

__all__ = [
    "add_size",
    "add_variant",
    "create_product",
    "create_sku",
    "deduct",
    "pattern_code",
    "return_sale",
    "suggest_sku_code",
    "update_product",
    "update_sku",
]
