from __future__ import annotations

from django.utils import timezone

from inventory import services
from inventory.models import Lot, Movement
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead, stock


def test_expired_open_lots_are_marked_once_without_moving_stock(acme):
    oil = ItemFactory(name="Olive oil")
    expired = stock(oil, 100, "1.00", days_ago=40, expires_at=ago(1))
    fresh = stock(oil, 50, "1.00", days_ago=1, expires_at=ahead(10))
    used_up = stock(oil, 10, "1.00", days_ago=50, expires_at=ago(2))
    services.adjust(item=oil, kind="expired", lot=used_up, quantity=10, unit="g")  # disposed of
    movements = Movement.objects.count()
    now = timezone.now()

    assert services.mark_expired_lots(now=now) == [expired.pk]
    assert services.mark_expired_lots(now=now) == []

    assert Lot.objects.get(pk=expired.pk).marked_expired_at == now
    assert Lot.objects.get(pk=fresh.pk).marked_expired_at is None
    assert Lot.objects.get(pk=used_up.pk).marked_expired_at is None
    assert Lot.objects.get(pk=expired.pk).quantity_remaining == 100
    assert Movement.objects.count() == movements
    assert_balanced()
