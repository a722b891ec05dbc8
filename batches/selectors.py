"""Reads for batch pages: lists and the full record, with their joins applied (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet

from batches.models import Batch, BatchDraw, BatchLine, BatchOutput, BatchTimer
from inventory.models import Item, Lot, Movement
from inventory.shelf_life import day_words, shelf_life_words


def batch_list(*, status: str = "", search: str = "") -> QuerySet[Batch]:
    qs = Batch.objects.select_related("recipe")
    if status:
        qs = qs.filter(status=status)
    if search:
        text = search.strip()
        qs = qs.filter(Q(code__icontains=text) | Q(recipe_name__icontains=text))
    return qs.order_by("-planned_at", "-id")


def batch_record(pk: int) -> Batch:
    """A batch with lines (items, draws with lots), outputs, notes and timers; raises DoesNotExist."""
    draws = BatchDraw.objects.select_related("lot").order_by("id")
    lines = (
        BatchLine.objects.select_related("item")
        .prefetch_related(Prefetch("draws", queryset=draws))
        .order_by("position")
    )
    return (
        Batch.objects.select_related("recipe", "version")
        .prefetch_related(
            Prefetch("lines", queryset=lines),
            Prefetch("outputs", queryset=BatchOutput.objects.select_related("item", "lot")),
            "notes",
            Prefetch("timers", queryset=BatchTimer.objects.order_by("started_at", "id")),
        )
        .get(pk=pk)
    )


def open_timers() -> list[BatchTimer]:
    """Running and paused timers of the workspace, soonest due first (overdue ones at the top)."""
    timers = list(
        BatchTimer.objects.exclude(status=BatchTimer.Status.COMPLETED).select_related("batch")
    )
    return sorted(timers, key=lambda t: (t.remaining(), t.pk))


@dataclass(frozen=True)
class OutputExpiry:
    """The expiry proposed for a batch's output lots (None: they don't expire) and what set it:
    `source` "ingredient" (`lot`, the consumed lot that expires first), "recipe" or "product"
    (`days`, that shelf life)."""

    expires_at: datetime | None
    source: str = ""
    lot: Lot | None = None
    days: int | None = None
    item: Item | None = None

    @property
    def reason(self) -> str:
        if self.source == "ingredient" and self.lot is not None:
            return f"your {self.lot.item.name} lot {self.lot.code} expires then"
        if self.source == "recipe":
            return f"the recipe keeps {shelf_life_words(self.days or 0)}"
        if self.source == "product" and self.item is not None:
            keeper = "the product" if self.item.kind == Item.Kind.PRODUCT else self.item.name
            return f"{keeper} keeps {shelf_life_words(self.days or 0)}"
        return ""

    @property
    def sentence(self) -> str:
        """What the finish pages say next to the date."""
        if self.expires_at is None:
            return (
                "No expiry date: the recipe and the output have no shelf life and none of the "
                "ingredients used has an expiry date."
            )
        return f"Expires {day_words(self.expires_at)}: {self.reason}."


def output_expiry(*, batch: Batch, item: Item | None, now: datetime) -> OutputExpiry:
    """When a batch finished at `now` should have its output lots of `item` expire, unless the maker
    says otherwise: the earliest of `now` + the plan's (recipe version's) shelf life, `now` + the
    item's shelf life, and the expiry of the first-expiring lot the batch used (its "use" movements;
    undated lots don't count). On a tie the ingredient names the reason, then the recipe. One read.
    """
    candidates: list[OutputExpiry] = []
    first = (
        Lot.objects.filter(
            movements__reference_type="batch",
            movements__reference_id=batch.pk,
            movements__kind=Movement.Kind.USE,
            expires_at__isnull=False,
        )
        .select_related("item")
        .order_by("expires_at", "id")
        .first()
    )
    if first is not None:
        candidates.append(OutputExpiry(first.expires_at, "ingredient", lot=first))
    if batch.shelf_life_days:
        days = batch.shelf_life_days
        candidates.append(OutputExpiry(now + timedelta(days=days), "recipe", days=days))
    if item is not None and item.shelf_life_days:
        days = item.shelf_life_days
        candidates.append(OutputExpiry(now + timedelta(days=days), "product", days=days, item=item))
    if not candidates:
        return OutputExpiry(None)
    # min() keeps the first of equal dates, so the list's order breaks ties.
    return min(candidates, key=lambda c: c.expires_at or now)
