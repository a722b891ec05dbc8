"""The fill proposal for a planned batch: the containers it may use (the recipe's allowed ones, else
every active container with a capacity), converted to the batch's yield unit (through the product's
density when a volume meets a weight), with the whole containers in stock, handed to the pure
`batches.container_fill.plan_fill`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from batches.container_fill import HUNDRED, ContainerOption, FillPlan, plan_fill
from batches.models import Batch
from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Item
from recipes.selectors import custom_unit_defs


@dataclass(frozen=True)
class FillProposal:
    plan: FillPlan | None
    problem: str = ""  # why no plan could be made, in plain words
    skipped: tuple[str, ...] = ()  # containers left out, and why


def fill_pct_of(batch: Batch) -> Decimal:
    """How full each container is filled: the recipe's fill %, else the candle's vessel fill."""
    if batch.recipe.fill_pct is not None:
        return batch.recipe.fill_pct
    raw = (batch.category_data or {}).get("vessel_fill_pct")
    return Decimal(str(raw)) if raw not in (None, "", "0") else HUNDRED


def fill_proposal(batch: Batch) -> FillProposal:
    """The proposal for `batch` (its planned yield); reads the recipe, containers and stock."""
    custom = custom_unit_defs()
    try:
        dimension = units.resolve_unit(batch.yield_unit, custom).dimension
    except DomainError:
        dimension = units.Dimension.COUNT
    if dimension == units.Dimension.COUNT:
        return FillProposal(
            None,
            problem=f"This batch's yield is counted in {batch.yield_label}, so there is nothing "
            "to pour into containers.",
        )
    allowed = list(batch.recipe.allowed_containers.filter(is_archived=False))
    candidates = allowed or list(
        Item.objects.filter(kind=Item.Kind.CONTAINER, is_archived=False, capacity__isnull=False)
    )
    product = batch.recipe.output_item
    options: list[ContainerOption] = []
    skipped: list[str] = []
    for item in sorted(candidates, key=lambda i: i.pk):
        if item.capacity is None:
            skipped.append(f"{item.name} has no capacity; add it on the item.")
            continue
        try:
            capacity = units.convert(
                item.capacity,
                item.capacity_unit,
                batch.yield_unit,
                density=product.density_g_per_ml if product else None,
                custom_units=custom,
                item_name=product.name if product else batch.recipe_name,
            )
        except DomainError as exc:
            skipped.append(
                f"{item.name}: {exc.message}"
                if product
                else f"{item.name} holds {item.capacity_unit} but the yield is in "
                f"{batch.yield_unit}. Choose the product the batches go to in the recipe's "
                "settings, and give it a density."
            )
            continue
        whole = int((item.on_hand - item.reserved).to_integral_value(rounding=ROUND_FLOOR))
        options.append(ContainerOption(item.pk, item.name, capacity, max(whole, 0)))
    if not options:
        return FillProposal(
            None,
            problem="No container can take this batch yet: add containers with a capacity (under "
            "Inventory, New container) or allow some on the recipe's settings.",
            skipped=tuple(skipped),
        )
    plan = plan_fill(
        yield_quantity=batch.planned_yield,
        unit=batch.yield_unit,
        options=options,
        fill_pct=fill_pct_of(batch),
    )
    return FillProposal(plan, skipped=tuple(skipped))
