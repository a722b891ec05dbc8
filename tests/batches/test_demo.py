"""The demo seed builds a coherent production story through the services, once."""

from __future__ import annotations

from batches import demo
from batches.models import Batch
from inventory.selectors import ledger_imbalances
from products.models import Deduction
from recipes.models import Recipe
from sales.models import OrderLine
from tests.conftest import make_user


def test_demo_seed_is_coherent_and_idempotent(acme):
    owner = make_user()
    demo.seed(organization=acme, owner=owner)
    demo.seed(organization=acme, owner=owner)
    recipe = Recipe.objects.get(name=demo.RECIPE)
    assert recipe.current_version.number == 2
    assert recipe.variations.count() == 1
    assert sorted(Batch.objects.values_list("status", flat=True)) == [
        "finished",
        "in_progress",
        "planned",
    ]
    assert Deduction.objects.count() == 1  # the tester; the sale is an order
    assert OrderLine.objects.count() == 1
    assert ledger_imbalances() == []
