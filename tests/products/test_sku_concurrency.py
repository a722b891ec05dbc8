"""SKU codes stay unique when two people create the same code at the same moment."""

from __future__ import annotations

from inventory.models import Item
from products.errors import DuplicateSkuCode
from products.models import Sku
from products.services import add_variant, create_product, create_sku
from tests.concurrency import run_concurrently


def test_concurrent_creates_of_one_code_make_one_sku(committed_acme):
    product = create_product(name="Candle")
    variants = [add_variant(product=product, name=f"Scent {n}") for n in range(4)]

    results = run_concurrently(
        committed_acme,
        [
            lambda v=v: create_sku(product=product, variant=v, price="12", code="CANDLE-1")
            for v in variants
        ],
    )

    made = [r for r in results if isinstance(r, Sku)]
    refused = [r for r in results if isinstance(r, DuplicateSkuCode)]
    assert (len(made), len(refused)) == (1, 3), results
    assert refused[0].message == "The code CANDLE-1 is already used by Candle. Choose another code."
    assert Sku.objects.count() == 1
    assert Item.objects.filter(kind="product").count() == 1
