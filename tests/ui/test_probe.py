from tests.ui.conftest import statements
from workspace.sample_volume import grow
from batches.models import Batch
from recipes.models import Recipe
from inventory.models import Item
from products.models import Product, Sku

def pages():
    oil = Item.objects.get(name="Olive oil")
    recipe = Recipe.objects.get(name="Lavender castile soap")
    running = Batch.objects.filter(status="in_progress", recipe=recipe).first()
    planned = Batch.objects.filter(status="planned", recipe=recipe).first()
    product = Product.objects.get(name="Castile bar")
    sku = Sku.objects.filter(product=product).first()
    return ["/", "/inventory/", f"/inventory/items/{oil.pk}/", f"/inventory/items/{oil.pk}/receive/", "/recipes/", f"/recipes/{recipe.pk}/", f"/recipes/{recipe.pk}/edit/", "/batches/", f"/batches/{running.pk}/", "/guide/start/", f"/guide/start/{recipe.pk}/", f"/guide/batches/{planned.pk}/check/", "/products/", f"/products/{product.pk}/", f"/products/skus/{sku.pk}/", "/reports/", "/settings/members/", "/billing/", "/notifications/", f"/charts/items/{oil.pk}/stock/", f"/charts/recipes/{recipe.pk}/costs/"]

def test_probe(demo, owner, owner_client):
    a = {}
    for p in pages():
        r, sql = statements(owner_client, p)
        a[p] = (r.status_code, len(sql))
    grow(organization=demo, owner=owner, copies=2)
    for p in pages():
        r, sql = statements(owner_client, p)
        print(p, a[p], len(sql))
