"""Reads behind the charts: an item's stock level over time (from its ledger) and the cost per unit of
a recipe's finished batches. One query each, whatever the history holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import cast

from django.db.models import Case, DateField, F, Sum, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from batches.models import Batch
from inventory import units
from inventory.models import Item, Movement
from recipes.models import Recipe

HISTORY_DAYS = 90
BATCHES_SHOWN = 20


@dataclass(frozen=True)
class Level:
    day: date
    quantity: Decimal  # on hand at the end of the day, stock unit


def stock_levels(
    *, item: Item, now: datetime | None = None, days: int = HISTORY_DAYS
) -> list[Level]:
    """The item's stock at the end of each day something moved in the last `days` days, starting
    with the level the window opened with and ending today. Summed from the ledger's stock-affecting
    movements (the ledger is the truth: on hand == their sum), days in the maker's time zone."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    today = timezone.localdate(now, zone)
    first = today - timedelta(days=days)
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    rows = (
        Movement.objects.filter(item=item, affects_stock=True, created_at__lte=now)
        .annotate(
            day=Case(
                When(created_at__lt=start, then=Value(None, output_field=DateField())),
                default=TruncDate("created_at", tzinfo=zone),
                output_field=DateField(),
            )
        )
        .values("day")
        .annotate(change=Sum("quantity"))
        .order_by(F("day").asc(nulls_first=True))
    )
    level = Decimal("0")
    levels: list[Level] = []
    for row in rows:
        level += row["change"]
        if row["day"] is None:
            levels.append(Level(first, level))
        else:
            levels.append(Level(row["day"], level))
    if levels and levels[-1].day != today:
        levels.append(Level(today, level))
    return levels


@dataclass(frozen=True)
class BatchCost:
    batch_id: int
    code: str | None
    finished: datetime
    cost: Decimal  # exact, the whole batch
    yield_quantity: Decimal
    yield_label: str

    @property
    def per_unit(self) -> Decimal:
        with units.arithmetic():
            return self.cost / self.yield_quantity


def batch_costs(*, recipe: Recipe, limit: int = BATCHES_SHOWN) -> list[BatchCost]:
    """The recipe's most recent finished batches (oldest first) with what one unit of their actual
    yield cost. Only batches yielding the same unit as the newest one are compared."""
    rows = list(
        Batch.objects.filter(recipe=recipe, status=Batch.Status.FINISHED, actual_yield__gt=0)
        .order_by("-ended_at", "-id")
        .values(
            "pk",
            "code",
            "ended_at",
            "consumed_cost",
            "actual_yield",
            "yield_unit",
            "portion_name",
        )[:limit]
    )
    if not rows:
        return []
    unit = rows[0]["yield_unit"]
    return [
        BatchCost(
            row["pk"],
            row["code"],
            cast(datetime, row["ended_at"]),  # set on every finished batch (a CHECK constraint)
            row["consumed_cost"],
            row["actual_yield"],
            row["portion_name"] or row["yield_unit"],
        )
        for row in reversed(rows)
        if row["yield_unit"] == unit
    ]
