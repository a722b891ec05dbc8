"""Planning a batch: a frozen copy of a published recipe version at a scale, with its expected lines.

Nothing about the plan follows the recipe afterwards: a new version, an edited draft or a renamed recipe
leaves planned and running batches exactly as they were planned.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from batches.errors import NotPlannable
from batches.models import Batch, BatchLine
from inventory import units
from recipes.models import Recipe, RecipeVersion
from recipes.services.scaling import scale_version


def plan_batch(
    *,
    version: RecipeVersion,
    factor: Decimal | int | str | None = None,
    target_quantity: Decimal | int | str | None = None,
    target_unit: str | None = None,
    note: str = "",
    actor_id: int | None = None,
) -> Batch:
    """Plan one batch of a published `version`, scaled by `factor` or to a target yield (factor 1
    when neither is given).

    Locks the recipe row (so it is not archived meanwhile). Raises NotPlannable (draft version,
    archived recipe), InvalidScale, UnitError subclasses.
    """
    if factor is None and target_quantity is None:
        factor = 1
    with transaction.atomic():
        recipe = Recipe.objects.select_for_update().get(pk=version.recipe_id)
        if recipe.is_archived:
            raise NotPlannable(f"{recipe.name} is archived; restore it before planning a batch.")
        if not version.is_published:
            raise NotPlannable(
                f"Version {version.number} of {recipe.name} is a draft. Publish it first: a batch "
                "copies a published version, which can no longer change under it.",
                field="version",
            )
        scaled = scale_version(
            version=version, factor=factor, target_quantity=target_quantity, target_unit=target_unit
        )
        batch = Batch.objects.create(
            recipe=recipe,
            version=version,
            scale=units.to_storage(scaled.factor),
            recipe_name=recipe.name,
            version_number=version.number,
            planned_yield=scaled.yield_quantity,
            yield_unit=version.yield_unit,
            portion_name=version.portion_name,
            instructions=version.instructions,
            category_data=dict(version.category_data),
            shelf_life_days=version.shelf_life_days,
            cure_days=version.cure_days,
            plan_note=(note or "").strip(),
            planned_by_id=actor_id,
        )
        BatchLine.objects.bulk_create(
            BatchLine(
                batch=batch,
                position=line.position,
                item=line.item,
                quantity=line.quantity,
                unit=line.unit,
                stock_quantity=line.stock_quantity,
                note=line.note,
            )
            for line in scaled.lines
        )
    return batch
