from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from inventory.models import Item, Lot, Movement, Reservation
from inventory.selectors import ledger_imbalances


@pytest.fixture
def acme(org_a):
    """Run the test inside the acme workspace's schema."""
    with tenant_context(org_a):
        yield org_a


@pytest.fixture
def snapshot():
    """Everything inventory holds, to assert that a failed call changed nothing."""

    def take():
        return {
            "items": list(Item.objects.order_by("pk").values()),
            "lots": list(Lot.objects.order_by("pk").values()),
            "movements": list(Movement.objects.order_by("pk").values()),
            "reservations": list(Reservation.objects.order_by("pk").values()),
        }

    return take


def assert_balanced() -> None:
    """on_hand == sum(lot remaining) == sum(stock-affecting ledger) for every item."""
    assert ledger_imbalances() == []


class CountStatements:
    """Capture the SQL a block issues, leaving out django-tenants' per-cursor `SET search_path` and
    transaction bookkeeping (SAVEPOINT / RELEASE), which are not work the code chose to do."""

    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self._ctx = CaptureQueriesContext(connection)
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)

    @property
    def statements(self) -> list[str]:
        skip = ("SET search_path", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
        return [q["sql"] for q in self._ctx.captured_queries if not q["sql"].startswith(skip)]

    def __len__(self) -> int:
        return len(self.statements)
