"""Inventory's services refuse a positive amount that would be stored as zero (6 decimals) exactly
as they refuse zero, with the precision in the message, and change nothing."""

from __future__ import annotations

import pytest

from inventory import services
from inventory.errors import InvalidAmount, InvalidItem
from inventory.models import CustomUnit
from tests.inventory.factories import ItemFactory, stock

TINY = "must be more than zero at the precision we keep: 0.000001."


@pytest.mark.parametrize("tiny", ["0.0000001", "1e-40"])
def test_receiving_reserving_and_custom_units_refuse_a_quantity_that_rounds_to_zero(
    acme, snapshot, tiny
):
    oil = ItemFactory(name="Olive oil")
    stock(oil, "100")
    before = snapshot()
    for call in (
        lambda: services.receive(item=oil, quantity=tiny, unit_cost="0.01"),
        lambda: services.reserve(item=oil, quantity=tiny),
        lambda: services.create_custom_unit(name="speck", quantity=tiny, unit="g"),
    ):
        with pytest.raises(InvalidAmount) as caught:
            call()
        assert caught.value.message == f"The quantity {TINY}"
    assert not CustomUnit.objects.exists()
    assert snapshot() == before


def test_a_unit_cost_that_rounds_to_zero_is_refused_and_zero_is_still_free(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    before = snapshot()
    with pytest.raises(InvalidAmount) as caught:
        services.receive(item=oil, quantity="1", unit_cost="0.0000004")
    assert caught.value.message == (
        "The cost must be 0, or more than zero at the precision we keep: 0.000001."
    )
    assert snapshot() == before
    assert services.receive(item=oil, quantity="1", unit_cost="0").unit_cost == 0


def test_a_density_that_rounds_to_zero_is_refused(acme, snapshot):
    oil = ItemFactory(name="Olive oil")
    before = snapshot()
    with pytest.raises(InvalidItem) as caught:
        services.update_item(item=oil, density_g_per_ml="0.0000001")
    assert caught.value.details["errors"] == {"density_g_per_ml": f"The density {TINY}"}
    assert snapshot() == before
