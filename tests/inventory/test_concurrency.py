"""Concurrent consumers, each on its own database connection, against one item: no oversell, the
ledger stays balanced and FIFO order holds."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django_tenants.utils import tenant_context

from inventory import services
from inventory.errors import InsufficientStock
from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from tests.conftest import ensure_workspace

THREADS = 12
D = Decimal


@pytest.fixture
def acme_committed(transactional_db):
    """The acme workspace for a test whose writes are committed; its inventory rows are removed
    afterwards (TRUNCATE: the ledger refuses DELETE by design)."""
    organization = ensure_workspace("acme", "Acme Soap Works")
    yield organization
    with tenant_context(organization), connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE inventory_movement, inventory_reservation, inventory_lot, inventory_item, "
            "inventory_customunit, inventory_inventorypreferences CASCADE"
        )
    connection.set_schema_to_public()


def test_concurrent_consumers_never_oversell_and_keep_fifo(acme_committed):
    with tenant_context(acme_committed):
        oil = Item.objects.create(name="Olive oil", stock_unit="g")
        lots = [
            services.receive(item=oil, quantity=50, unit_cost=n + 1, received_at=_ago(20 - n))
            for n in range(10)
        ]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            with tenant_context(acme_committed):
                barrier.wait(timeout=30)
                try:
                    services.consume(item=oil.pk, quantity=60, reference=("batch", n))
                    outcome = "ok"
                except InsufficientStock:
                    outcome = "short"
        except Exception as exc:  # surfaced below: a thread must not fail silently
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["ok"] * 8 + ["short"] * 4  # 500 g: eight 60 g uses fit, 20 g left
    with tenant_context(acme_committed):
        oil.refresh_from_db()
        assert oil.on_hand == D("20")
        assert ledger_imbalances() == []
        remaining = [Lot.objects.get(pk=lot.pk).quantity_remaining for lot in lots]
        # FIFO: every lot before the last one drawn is empty, the rest untouched.
        assert remaining == [D("0")] * 9 + [D("20")]
        used = Movement.objects.filter(kind=Movement.Kind.USE).order_by("id")
        assert sum(-m.quantity for m in used) == D("480")
        lot_order = [m.lot_id for m in used]
        assert lot_order == sorted(lot_order, key=[lot.pk for lot in lots].index)
    connection.set_schema_to_public()


def _ago(days: int):
    from tests.inventory.factories import ago

    return ago(days)
