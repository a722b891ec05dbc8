"""A recipe's containers: which containers its batches may be filled into, and how full (fill %).
Applied by `update_recipe` inside its transaction, with the recipe row locked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from inventory.models import Item
from recipes.errors import InvalidRecipe
from recipes.models import Recipe


@dataclass(frozen=True)
class ContainerChoice:
    """Containers the batches may use (empty: any container in stock) and the fill % (None: the
    candle's vessel fill, else 100)."""

    container_ids: Sequence[int] = ()
    fill_pct: Decimal | int | str | None = None


def check_container_choice(choice: ContainerChoice) -> tuple[list[Item], Decimal | None]:
    """The chosen containers and fill %, checked; raises InvalidRecipe in plain words."""
    ids = {pk for pk in choice.container_ids if isinstance(pk, int)}
    found = list(
        Item.objects.filter(pk__in=ids, kind=Item.Kind.CONTAINER, is_archived=False).order_by("pk")
    )
    if len(found) != len(ids) or len(ids) != len(list(choice.container_ids)):
        raise InvalidRecipe(
            "Choose the containers from this workspace's active containers.",
            field="allowed_containers",
        )
    return found, _fill_pct(choice.fill_pct)


def apply_container_choice(
    recipe: Recipe, containers: list[Item], fill_pct: Decimal | None
) -> None:
    recipe.allowed_containers.set(containers)
    Recipe.objects.filter(pk=recipe.pk).update(fill_pct=fill_pct)
    recipe.fill_pct = fill_pct


def _fill_pct(raw: Decimal | int | str | None) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = Decimal("-1")
    if not value.is_finite() or not 0 < value <= 100:
        raise InvalidRecipe(
            "The fill is a percentage above 0 and at most 100, such as 90.", field="fill_pct"
        )
    return value.quantize(Decimal("0.01"))
