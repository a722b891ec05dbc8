"""Each workspace's inventory lives in its own schema: another organization's items are invisible."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from inventory import selectors, services
from inventory.errors import ItemNotFound
from inventory.models import Item, Lot, Movement
from tests.inventory.factories import ItemFactory, stock


def test_items_of_one_workspace_are_invisible_from_another(org_a, org_b):
    with tenant_context(org_a):
        oil = ItemFactory(name="Acme olive oil")
        stock(oil, 100)
        oil_id = oil.pk

    with tenant_context(org_b):
        assert not Item.objects.filter(name="Acme olive oil").exists()
        assert not Lot.objects.exists()
        assert not Movement.objects.exists()
        assert list(selectors.item_list()) == []
        with pytest.raises(Item.DoesNotExist):
            selectors.item_detail(item_id=oil_id)
        with pytest.raises(ItemNotFound):
            services.consume(item=oil_id, quantity=1)
        assert services.check_stock(lines=[(oil_id, 1, "g")]).lines[0].error_code == (
            "ITEM_NOT_FOUND"
        )

    with tenant_context(org_a):
        assert Item.objects.get(pk=oil_id).on_hand == 100
