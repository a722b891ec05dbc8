"""Helpers shared by the production tests (recipes, batches, products): items come from inventory's
factory, stock only through inventory's services, recipes only through recipes' services."""

from __future__ import annotations

from decimal import Decimal

from inventory.models import Item
from recipes.models import Recipe
from recipes.services import LineInput, VersionContent, create_recipe
from tests.inventory.factories import ItemFactory, stock

__all__ = ["ItemFactory", "make_item", "make_recipe", "stock"]


def make_item(name: str, unit: str = "g", **extra) -> Item:
    return ItemFactory(name=name, stock_unit=unit, **extra)


def make_recipe(
    name: str = "Castile soap",
    lines: list[tuple[Item, str, str]] | None = None,
    *,
    yield_quantity: str | Decimal = "10",
    yield_unit: str = "each",
    category: str = "soap",
    publish: bool = True,
    prefix: str = "",
    **content,
) -> Recipe:
    """A recipe from (item, quantity, unit) lines, published unless told otherwise."""
    return create_recipe(
        name=name,
        category=category,
        content=VersionContent(
            yield_quantity=yield_quantity,
            yield_unit=yield_unit,
            lines=[LineInput(item.pk, qty, unit) for item, qty, unit in (lines or [])],
            **content,
        ),
        publish=publish,
        prefix=prefix,
    )
