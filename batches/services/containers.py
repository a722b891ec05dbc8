"""Filling a planned batch into containers: the chosen containers become lines of the plan (marked
as the fill), so starting the batch takes them from stock with its ingredients, through the same
`consume_many` call, and cancelling gives them back."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from batches.errors import IllegalTransition, InvalidContainers
from batches.models import Batch, BatchLine
from batches.services.lifecycle import lock_batch
from batches.services.packaging import ContainerCount, parse_count
from batchtrack.errors import DomainError
from inventory.models import Item


def fill_containers(
    *, batch: Batch | int, containers: Sequence[ContainerCount], actor_id: int | None = None
) -> list[BatchLine]:
    """Make `containers` the planned batch's containers, replacing any chosen before (an empty list
    removes them). Each becomes a line of `count` each of the container item.

    Locks the batch row. Raises IllegalTransition (the batch has started) and InvalidContainers
    (not a container of this workspace, archived, a count that isn't whole and positive, a
    container listed twice); nothing changes then.
    """
    with transaction.atomic():
        locked = lock_batch(batch)
        if locked.status != Batch.Status.PLANNED:
            raise IllegalTransition(
                f"Batch {locked.display_code} has started, so its containers are already taken. "
                "Add more as an extra, or put unused ones back when you finish it.",
                status=locked.status,
                action="fill",
            )
        chosen = _check(containers)
        locked.lines.filter(is_container_fill=True).delete()
        top = locked.lines.aggregate(top=Max("position"))["top"] or 0
        lines = BatchLine.objects.bulk_create(
            BatchLine(
                batch=locked,
                position=top + number,
                item=item,
                quantity=count,
                unit=item.stock_unit,
                stock_quantity=count,
                note="Container",
                is_container_fill=True,
                added_by_id=actor_id,
            )
            for number, (item, count) in enumerate(chosen, start=1)
        )
    return lines


def _check(containers: Sequence[ContainerCount]) -> list[tuple[Item, Decimal]]:
    ids = [c.item_id for c in containers if isinstance(c.item_id, int)]
    items = Item.objects.in_bulk(ids)
    problems: list[str] = []
    chosen: list[tuple[Item, Decimal]] = []
    seen: set[int] = set()
    for entry in containers:
        item = items.get(entry.item_id) if isinstance(entry.item_id, int) else None
        if item is None or item.kind != Item.Kind.CONTAINER or item.is_archived:
            problems.append("Choose containers from this workspace's active containers.")
            continue
        if item.pk in seen:
            problems.append(f"{item.name} is listed twice; put the whole count on one row.")
            continue
        seen.add(item.pk)
        try:
            chosen.append((item, parse_count(entry.count, label=item.name)))
        except DomainError as exc:
            problems.append(exc.message)
    if problems:
        raise InvalidContainers(" ".join(problems), field="containers", problems=problems)
    return chosen
