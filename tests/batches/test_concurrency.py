"""Concurrent starts on real threads and connections: no overselling, unique consecutive codes."""

from __future__ import annotations

from decimal import Decimal

from batches.errors import StockShort
from batches.models import Batch, BatchDraw
from batches.services import plan_batch, start_batch
from batches.services.codes import workspace_now
from inventory.models import Lot
from inventory.selectors import ledger_imbalances
from tests.concurrency import run_concurrently
from tests.recipes.factories import make_item, make_recipe, stock


def test_concurrent_starts_competing_for_the_same_lots_never_oversell(committed_acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    lots = [stock(oil, "400", "0.01", days_ago=2), stock(oil, "600", "0.02", days_ago=1)]
    stock(lye, "5000", "0.01")
    # Lye first in the recipe, oil second: lines are not in item-id order, locks still are.
    recipe = make_recipe("Castile soap", [(lye, "10", "g"), (oil, "300", "g")], prefix="CAS")
    batches = [plan_batch(version=recipe.current_version) for _ in range(4)]

    results = run_concurrently(
        committed_acme, [lambda b=b: start_batch(batch=b.pk) for b in batches]
    )

    started = [r for r in results if isinstance(r, Batch)]
    refused = [r for r in results if isinstance(r, StockShort)]
    assert (len(started), len(refused)) == (3, 1), results
    assert sum(
        Lot.objects.filter(pk__in=[lot.pk for lot in lots]).values_list(
            "quantity_remaining", flat=True
        )
    ) == Decimal("100")
    assert sum(BatchDraw.objects.filter(item=oil).values_list("quantity", flat=True)) == Decimal(
        "900"
    )
    refused_batch = Batch.objects.get(status="planned")
    assert not refused_batch.draws.exists()
    assert ledger_imbalances() == []


def test_concurrent_starts_get_unique_consecutive_codes(committed_acme):
    oil = make_item("Olive oil")
    stock(oil, "10000", "0.01")
    recipe = make_recipe("Castile soap", [(oil, "100", "g")], prefix="CAS")
    batches = [plan_batch(version=recipe.current_version) for _ in range(6)]

    results = run_concurrently(
        committed_acme, [lambda b=b: start_batch(batch=b.pk) for b in batches]
    )

    assert all(isinstance(r, Batch) for r in results), results
    year = workspace_now().year
    assert sorted(r.code for r in results) == [f"CAS-{year}-{n:03d}" for n in range(1, 7)]
