"""The main workspace pages, as paths into a workspace seeded with the apps' demo data.

One list for the page benchmark (bench/pages.py) and the pinned query-count test, so both measure the
same pages. Call it with the workspace's schema active.
"""

from __future__ import annotations


def main_page_paths() -> dict[str, str]:
    from batches.models import Batch
    from inventory.models import Item
    from products.models import Product, Sku
    from recipes.models import Recipe

    oil = Item.objects.get(name="Olive oil")
    recipe = Recipe.objects.get(name="Lavender castile soap")
    running = (
        Batch.objects.filter(recipe=recipe, status=Batch.Status.IN_PROGRESS).order_by("pk").first()
    )
    planned = (
        Batch.objects.filter(recipe=recipe, status=Batch.Status.PLANNED).order_by("pk").first()
    )
    product = Product.objects.get(name="Castile bar")
    sku = Sku.objects.filter(product=product).order_by("pk").first()
    return {
        "dashboard": "/",
        "inventory list": "/inventory/",
        "item": f"/inventory/items/{oil.pk}/",
        "receive": f"/inventory/items/{oil.pk}/receive/",
        "recipes list": "/recipes/",
        "recipe": f"/recipes/{recipe.pk}/",
        "recipe edit": f"/recipes/{recipe.pk}/edit/",
        "batches list": "/batches/",
        "batch": f"/batches/{running.pk}/",
        "start: recipe": "/guide/start/",
        "start: how much": f"/guide/start/{recipe.pk}/",
        "start: stock check": f"/guide/batches/{planned.pk}/check/",
        "finish: how much": f"/guide/batches/{running.pk}/finish/",
        "finish: where": f"/guide/batches/{running.pk}/finish/where/?made=15",
        "held for orders": "/products/holds/",
        "products list": "/products/",
        "product": f"/products/{product.pk}/",
        "sku": f"/products/skus/{sku.pk}/",
        "reports": "/reports/",
        "members": "/settings/members/",
        "billing": "/billing/",
        "notifications": "/notifications/",
        "item chart": f"/charts/items/{oil.pk}/stock/",
        "recipe chart": f"/charts/recipes/{recipe.pk}/costs/",
        "search": "/search/?q=olve+oil",
    }
