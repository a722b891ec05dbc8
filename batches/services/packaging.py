"""Containers when a batch finishes: which output was filled into which containers (so their cost
lands there, `batches.output_costs`), and the containers left unused, which go back to the exact lots
they came from through inventory's `restore`. Called by `finish_batch` inside its transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from batches.models import Batch
from batchtrack.errors import DomainError
from inventory import units
from inventory.models import Item, Movement

ZERO = Decimal("0")


@dataclass(frozen=True)
class ContainerCount:
    """`count` containers of the container item `item_id` (unused ones to put back, say)."""

    item_id: int | None
    count: Decimal | int | str


@dataclass(frozen=True)
class ContainerTaken:
    """A container item the batch took from stock: how many are still out and what they cost."""

    item: Item
    quantity: Decimal  # stock unit, net of any already given back
    cost: Decimal  # exact


def containers_taken(batch: Batch) -> dict[int, ContainerTaken]:
    """Container items the batch's lines took (net of anything given back), by item id."""
    rows = (
        Movement.objects.filter(
            reference_type="batch",
            reference_id=batch.pk,
            item__kind=Item.Kind.CONTAINER,
            affects_stock=True,
        )
        .values("item_id")
        .annotate(quantity=Sum("quantity"), value=Sum("value"))
    )
    net = {row["item_id"]: (-row["quantity"], -row["value"]) for row in rows}
    items = Item.objects.in_bulk([pk for pk, (qty, _) in net.items() if qty > 0])
    return {
        pk: ContainerTaken(item=items[pk], quantity=net[pk][0], cost=net[pk][1]) for pk in items
    }


def parse_count(raw: Decimal | int | str | None, *, label: str) -> Decimal:
    """A whole, positive number of containers; raises a DomainError in plain words."""
    amount = units.parse_amount(raw, label=label)
    if amount != amount.to_integral_value():
        raise DomainError(f"Count whole containers for {label}; {amount.normalize():f} isn't one.")
    return amount


def check_unused(
    unused: Sequence[ContainerCount], taken: dict[int, ContainerTaken], problems: list[str]
) -> list[tuple[ContainerTaken, Decimal]]:
    """The unused containers to put back, checked against what the batch took."""
    found: list[tuple[ContainerTaken, Decimal]] = []
    for entry in unused:
        if entry.count in (None, "", 0, "0"):
            continue
        container = taken.get(entry.item_id) if isinstance(entry.item_id, int) else None
        if container is None:
            problems.append("This batch took no such container from stock, so none can go back.")
            continue
        try:
            count = parse_count(entry.count, label=f"unused {container.item.name}")
        except DomainError as exc:
            problems.append(exc.message)
            continue
        found.append((container, count))
    return found


def check_filled(
    filled: dict[int, Decimal],
    unused: Sequence[tuple[ContainerTaken, Decimal]],
    taken: dict[int, ContainerTaken],
    problems: list[str],
) -> None:
    """Filled plus unused containers of an item can't exceed what the batch took (the difference
    broke or was used up: its cost still lands on the outputs filled into the rest)."""
    back = {container.item.pk: count for container, count in unused}
    for pk in sorted(set(filled) | set(back)):
        container = taken[pk]
        used = filled.get(pk, ZERO) + back.get(pk, ZERO)
        if used > container.quantity:
            problems.append(
                f"The outputs and the unused ones come to {units.format_amount(used)} "
                f"{container.item.name} but the batch took only "
                f"{units.format_amount(container.quantity)}. Correct the counts, or add the "
                "missing containers to the batch as an extra first."
            )
