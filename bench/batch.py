"""Starting and finishing a production batch: a 20-line recipe whose ingredients each hold 50 lots.

Each start takes all 20 lines FIFO in one transaction (two lots per line), each finish puts the output on
the shelf as a costed lot. Reports the median time and the SQL statements of each step, and the start's
statement count again with 5 lots per item: it must not grow with the lots an item holds.

Targets (issue 21): a start in at most 15 round trips (every message that waits for the server:
statements, a `SET search_path` sent alone, savepoints, BEGIN when it travels alone, COMMIT) and
under 10 ms median; the same statement count at 5 and 50 lots.
Runs in a workspace of its own (created, then dropped).
"""

from __future__ import annotations

import time

from _common import RoundTrips, bench_owner, drop_workspace, emit, median_ms, setup_django

LINES = 20
LOTS = 50
FEW_LOTS = 5
RUNS = 24  # with the warm-up and the 5-lot recipe, 29 starts: within the Free plan's 30 a month
WARMUP = 2
TARGET_START_MS = 10
TARGET_START_ROUND_TRIPS = 15


def count_statements(block):
    """Run `block` twice over: once timed alone, once counted. Returns (result, seconds, statements
    issued, round trips); statements leave out SET search_path and savepoint bookkeeping."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    skip = ("SET search_path", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    with CaptureQueriesContext(connection) as captured, RoundTrips() as trips:
        start = time.perf_counter()
        result = block()
        elapsed = time.perf_counter() - start
    return (
        result,
        elapsed,
        sum(1 for q in captured.captured_queries if not q["sql"].startswith(skip)),
        trips.count,
    )


def timed(block):
    """Run `block` without capturing anything (DEBUG off): (result, seconds)."""
    start = time.perf_counter()
    result = block()
    return result, time.perf_counter() - start


def build(organization, *, tag: str, lots: int):
    """Items with `lots` lots each (10 g apiece), a published 20-line recipe taking 15 g of each
    (so every line draws from two lots), and an output item."""
    from django.utils import timezone

    from inventory.models import Item
    from inventory.services import create_item, receive
    from recipes.services import LineInput, VersionContent, create_recipe

    items = []
    now = timezone.now()
    for n in range(LINES):
        item = create_item(organization=organization, name=f"{tag} ingredient {n}", stock_unit="g")
        for k in range(lots):
            receive(
                item=item,
                quantity="10",
                unit_cost=f"0.0{(k % 9) + 1}",
                received_at=now - timezone.timedelta(minutes=lots - k),
                supplier="Bench supplies",
                supplier_lot_code=f"{tag}-{n}-{k}",
            )
        items.append(item)
    output = create_item(
        organization=organization, name=f"{tag} bar", stock_unit="each", kind=Item.Kind.PRODUCT
    )
    recipe = create_recipe(
        name=f"{tag} soap",
        category="soap",
        prefix=tag.upper()[:6],
        content=VersionContent(
            yield_quantity="10",
            yield_unit="each",
            lines=[LineInput(item.pk, "15", "g") for item in items],
        ),
        publish=True,
    )
    return recipe, output


def measure(recipe, output, runs: int):
    from batches.services import OutputInput, finish_batch, plan_batch, start_batch

    starts, finishes, start_queries, finish_queries, trips = [], [], [], [], []
    for n in range(runs + WARMUP):
        batch = plan_batch(version=recipe.current_version)
        finish = lambda b=batch: finish_batch(  # noqa: E731
            batch=b.pk, actual_yield="10", outputs=[OutputInput(output.pk, "10")]
        )
        if n == 0:  # counted, not timed (capturing SQL costs time)
            _, _, start_q, start_trips = count_statements(lambda b=batch: start_batch(batch=b.pk))
            _, _, finish_q, finish_trips = count_statements(finish)
            start_queries.append(start_q)
            finish_queries.append(finish_q)
            trips.append((start_trips, finish_trips))
            continue
        _, start_s = timed(lambda b=batch: start_batch(batch=b.pk))
        _, finish_s = timed(finish)
        if n >= WARMUP:
            starts.append(start_s)
            finishes.append(finish_s)
    return starts, finishes, start_queries, finish_queries, trips


def main() -> None:
    setup_django()
    from django_tenants.utils import tenant_context

    from inventory.selectors import ledger_imbalances
    from tenants.services.provisioning import provision_workspace

    organization = provision_workspace(
        name="Bench batch", slug=f"bench-batch-{int(time.time())}", owner=bench_owner()
    )
    try:
        # A fresh Free workspace: 42 items, 2 recipes and 29 batches stay within its limits.
        with tenant_context(organization):
            recipe, output = build(organization, tag="many", lots=LOTS)
            starts, finishes, start_q, finish_q, trips = measure(recipe, output, RUNS)
            few_recipe, few_output = build(organization, tag="few", lots=FEW_LOTS)
            _, _, few_start_q, _, _ = measure(few_recipe, few_output, 1)
            balanced = ledger_imbalances() == []
    finally:
        drop_workspace(organization)
    start_ms = median_ms(starts)
    emit(
        {
            "bench": "batch",
            "lines": LINES,
            "lots_per_item": LOTS,
            "runs": RUNS,
            "start_median_ms": start_ms,
            "start_max_ms": round(max(starts) * 1000, 3),
            "start_queries": max(start_q),
            "start_round_trips": trips[0][0],
            "finish_round_trips": trips[0][1],
            "target_start_round_trips": TARGET_START_ROUND_TRIPS,
            "start_round_trips_within_target": trips[0][0] <= TARGET_START_ROUND_TRIPS,
            "finish_median_ms": median_ms(finishes),
            "finish_queries": max(finish_q),
            "start_queries_at_5_lots": max(few_start_q),
            "queries_independent_of_lots": max(start_q) == max(few_start_q),
            "ledger_balanced": balanced,
            "target_start_ms": TARGET_START_MS,
            "start_within_target": start_ms < TARGET_START_MS,
        }
    )


if __name__ == "__main__":
    main()
