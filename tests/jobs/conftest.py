"""Fixtures for the periodic jobs and notifications: workspaces' schemas, stock, timers, a fixed "now".

"Now" is never mocked: every job takes the instant to judge by as an argument. NOW is in the future
(January 2031), so stock received today can carry expiry dates before it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from batches.models import BatchTimer
from batches.services import plan_batch, start_timer
from inventory.models import Item, Lot
from notifications.models import Alert, Notification
from tenants.models import Organization
from tests.inventory.factories import ItemFactory, stock
from tests.recipes.factories import make_recipe

NOW = datetime(2031, 1, 15, 7, 0, tzinfo=UTC)


@pytest.fixture
def acme(org_a):
    """Run the test inside the acme workspace's schema."""
    with tenant_context(org_a):
        yield org_a


@pytest.fixture
def expiry_alerts(acme):
    """The acme workspace on the Maker plan, whose `expiry_tracking` warns before lots expire."""
    from billing.services.complimentary import grant_complimentary

    grant_complimentary(organization=acme, tier="maker", until=None, granted_by="tests")
    acme.refresh_from_db()
    return acme


def set_time_zone(organization: Organization, name: str) -> None:
    Organization.objects.filter(pk=organization.pk).update(time_zone=name)
    organization.time_zone = name


def low_item(name: str = "Lavender oil", *, on_hand: str = "120", threshold: str = "500") -> Item:
    """A tracked item in grams holding `on_hand` (one lot), under its threshold."""
    item = ItemFactory(name=name, stock_unit="g", low_stock_threshold=Decimal(threshold))
    if Decimal(on_hand):
        stock(item, on_hand, "0.05")
    item.refresh_from_db()
    return item


def lot_expiring_at(name: str, expires_at: datetime, quantity: str = "2000", **extra) -> Lot:
    """A lot of a new item (grams, no threshold) expiring at `expires_at`."""
    item = ItemFactory(name=name, stock_unit="g")
    return stock(item, quantity, "0.01", expires_at=expires_at, **extra)


def running_timer(name: str = "Gel phase", minutes: int = 60) -> BatchTimer:
    """A timer started now (the real clock) on a planned batch of a new recipe."""
    oil = ItemFactory(name=f"Oil for {name}", stock_unit="g")
    recipe = make_recipe(f"{name} soap", [(oil, "100", "g")])
    batch = plan_batch(version=recipe.current_version)
    return start_timer(batch=batch, name=name, duration=timedelta(minutes=minutes))


def alerts(kind: str | None = None) -> list[tuple[str, int]]:
    queryset = Alert.objects.order_by("kind", "subject_id")
    if kind:
        queryset = queryset.filter(kind=kind)
    return list(queryset.values_list("kind", "subject_id"))


def notified(kind: str | None = None) -> list[tuple[int, int]]:
    """(subject id, user id) of every notification, in order."""
    queryset = Notification.objects.order_by("alert__subject_id", "user_id")
    if kind:
        queryset = queryset.filter(alert__kind=kind)
    return list(queryset.values_list("alert__subject_id", "user_id"))
