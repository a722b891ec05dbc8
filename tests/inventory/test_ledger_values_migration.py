"""Migration inventory/0004 on a workspace that already has a ledger: values backfilled, each item's
stock value set from its lots, and an opening REVALUE row where the old ledger disagreed with them."""

from __future__ import annotations

import importlib
from decimal import Decimal

from django.db import connection

from inventory import services
from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from tests.inventory.factories import ItemFactory, stock

BACKFILL = importlib.import_module("inventory.migrations.0004_ledger_values").BACKFILL


def test_the_backfill_runs_amid_pending_writes_and_balances_the_books(acme):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 100, "1.00", days_ago=2)
    later = stock(oil, 100, "2.00", days_ago=1)
    services.consume(item=oil, quantity=150)  # FIFO: $200 charged, 50 g at $2.00 left
    # The books as the old average costing left them: lots that disagree with what was charged.
    Lot.objects.filter(pk=later.pk).update(unit_cost=Decimal("3.00"))
    Item.objects.filter(pk=oil.pk).update(stock_value=0)

    # Run in this test's transaction, after writes whose deferred foreign-key checks are pending:
    # PostgreSQL refuses to ALTER a table with pending trigger events unless the SQL runs them first.
    with connection.cursor() as cursor:
        cursor.execute(BACKFILL)

    oil.refresh_from_db()
    assert oil.stock_value == Decimal("150")
    (opening,) = Movement.objects.filter(item=oil, kind=Movement.Kind.REVALUE)
    assert (opening.quantity, opening.value) == (0, Decimal("50"))
    assert ledger_imbalances() == []
