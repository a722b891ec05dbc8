"""Round trips to PostgreSQL on the hot write paths, pinned: every message that waits for the server
(statements, and BEGIN/COMMIT when they travel alone) counts, as the backend sends them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from batches.services import plan_batch, start_batch
from inventory import services
from inventory.selectors import ledger_imbalances
from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.recipes.factories import make_item, make_recipe, stock


class RoundTrips:
    """Messages the connection sent the server inside the block."""

    def __enter__(self):
        connection.ensure_connection()
        self.start = connection.connection.round_trips
        return self

    def __exit__(self, *exc):
        self.count = connection.connection.round_trips - self.start


@pytest.mark.usefixtures("committed_acme")
def test_a_consume_takes_four_round_trips_whatever_the_lots():
    few, many = make_item("Few lots"), make_item("Many lots")
    for _ in range(2):
        stock(few, "10", "0.01")
    for _ in range(40):
        stock(many, "10", "0.01")

    counts = []
    for item, quantity in ((few, "5"), (many, "5"), (many, "350")):
        with RoundTrips() as trips:
            services.consume(item=item, quantity=quantity)
        counts.append(trips.count)

    # BEGIN travels with the lock; the read; the write; COMMIT.
    assert counts == [4, 4, 4]
    assert ledger_imbalances() == []


@pytest.mark.usefixtures("committed_acme")
def test_a_batch_start_of_twenty_lines_takes_ten_round_trips():
    items = [make_item(f"Oil {n}") for n in range(20)]
    for item in items:
        for _ in range(5):
            stock(item, "10", "0.01")
    recipe = make_recipe("Big soap", [(item, "42", "g") for item in items], prefix="BIG")
    batch = plan_batch(version=recipe.current_version)

    with RoundTrips() as trips:
        started = start_batch(batch=batch.pk)

    # batch + recipe, lines, organization, monthly count, code, items, lots, ledger, then the draws,
    # the lines' status and the batch in one statement (batches.services.draws), COMMIT: one FIFO
    # read for all twenty items, no savepoint. A plan with the API reads the subscribed webhook
    # endpoints too (webhooks.services.emit): 11. The ceiling is 15.
    assert trips.count == 10
    assert started.draws.count() == 100
    assert started.consumed_cost == Decimal("8.40")
    assert ledger_imbalances() == []
