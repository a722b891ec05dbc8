"""Planning a batch: a frozen copy of a published recipe version at a scale, with its expected lines.

Nothing about the plan follows the recipe afterwards: a new version, an edited draft or a renamed recipe
leaves planned and running batches exactly as they were planned.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from batches.errors import NotPlannable
from batches.models import Batch, BatchLine
from batchtrack.errors import DomainError
from inventory import units
from recipes.models import Recipe, RecipeVersion
from recipes.services.authoring import content_of
from recipes.services.lines import check_publishable
from recipes.services.scaling import scale_version


def plan_batch(
    *,
    version: RecipeVersion,
    factor: Decimal | int | str | None = None,
    target_quantity: Decimal | int | str | None = None,
    target_unit: str | None = None,
    note: str = "",
    actor_id: int | None = None,
    trial: bool = False,
) -> Batch:
    """Plan one batch of a published `version`, scaled by `factor` or to a target yield (factor 1
    when neither is given). With `trial`, `version` may be a draft: a trial run takes real stock at
    real cost, its output may be discarded, and the draft stays editable (the batch keeps its own
    copy of the lines); publishing the draft keeps the trial attached to that version.

    Locks the recipe row (so it is not archived meanwhile). Raises NotPlannable (a draft without
    `trial`, a draft missing its yield or lines, an archived recipe), InvalidScale, UnitError
    subclasses.
    """
    if factor is None and target_quantity is None:
        factor = 1
    with transaction.atomic():
        recipe = Recipe.objects.select_for_update().get(pk=version.recipe_id)
        if recipe.is_archived:
            raise NotPlannable(f"{recipe.name} is archived; restore it before planning a batch.")
        if not version.is_published and not trial:
            raise NotPlannable(
                f"Version {version.number} of {recipe.name} is a draft. Publish it first, or run "
                "it as a trial run.",
                field="version",
            )
        if not version.is_published:
            _check_trial(version)
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
            is_trial=trial,
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


def _check_trial(version: RecipeVersion) -> None:
    """A draft runs as a trial once it has what a batch needs: a yield, its unit and lines."""
    try:
        check_publishable(content_of(version))
    except DomainError as exc:
        raise NotPlannable(
            exc.message.replace("To publish,", "To run a trial,").replace(
                " A draft can be saved without them.", ""
            ),
            field="version",
        )
