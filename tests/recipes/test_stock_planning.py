"""Planning from stock: how many batches of a recipe stock allows, and the shopping list for N."""

from __future__ import annotations

from decimal import Decimal

from inventory.services import reserve
from recipes.services import scale_version
from recipes.stock_planning import capacity, shopping_list, shopping_total
from tests.inventory.factories import ago, ahead
from tests.recipes.factories import make_item, make_recipe, stock


def test_max_batches_is_set_by_the_scarcest_item(acme):
    oil = make_item("Olive oil", "kg")
    lye = make_item("Lye")
    water = make_item("Water", "ml", is_tracked=False)
    stock(oil, "3.5", "10")
    stock(lye, "1000", "0.01")
    stock(lye, "500", "0.01", received_at=ago(9), expires_at=ago(1))  # expired: not usable
    reserve(item=lye, quantity="100")
    recipe = make_recipe("Soap", [(oil, "900", "g"), (lye, "150", "g"), (water, "300", "ml")])
    result = capacity(scale_version(version=recipe.current_version, factor=1))
    # oil: 3.5 kg / 0.9 kg = 3; lye: (1000 - 100 reserved) / 150 = 6; water untracked.
    assert result.max_batches == 3
    assert [need.item.name for need in result.limiting] == ["Olive oil"]
    by_name = {need.item.name: need for need in result.needs}
    assert by_name["Lye"].per_batch == Decimal("150")
    assert by_name["Lye"].batches == 6
    assert by_name["Water"].batches is None


def test_shopping_list_for_n_batches(acme):
    oil = make_item("Olive oil")
    lye = make_item("Lye")
    fragrance = make_item("Lavender oil", "ml")
    stock(oil, "1000", "0.02")
    stock(lye, "5000", "0.01")
    stock(fragrance, "10", "0.5", hold_until=ahead(3))  # curing: not usable yet
    recipe = make_recipe("Soap", [(oil, "900", "g"), (lye, "130", "g"), (fragrance, "30", "ml")])
    lines = shopping_list(scale_version(version=recipe.current_version, factor=2), batches=3)
    assert [(s.item.name, s.needed, s.available, s.to_buy) for s in lines] == [
        ("Olive oil", Decimal("5400"), Decimal("1000"), Decimal("4400")),
        ("Lavender oil", Decimal("180"), Decimal("0"), Decimal("180")),
    ]
    assert [s.estimated_cost for s in lines] == [Decimal("88.00"), Decimal("90.0")]
    assert shopping_total(lines) == (Decimal("178.00"), True)
