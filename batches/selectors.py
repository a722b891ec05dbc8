"""Reads for batch pages: lists and the full record, with their joins applied (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db.models import (
    Case,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    prefetch_related_objects,
)

from batches.models import Batch, BatchDraw, BatchLine, BatchOutput, BatchTimer
from inventory.models import Item, Lot, Movement
from inventory.selectors import items_matching
from inventory.services import ConsumeLine, StockCheckLine, StockStatus, check_stock
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


def batch_containers(batch: Batch) -> QuerySet[Item]:
    """The container items a batch's lines take (the choices for "filled into" when finishing)."""
    return Item.objects.filter(
        kind=Item.Kind.CONTAINER,
        pk__in=BatchLine.objects.filter(batch=batch).values("item_id"),
    ).order_by("name", "pk")


def recipe_batches(recipe_id: int, recent: int = 10) -> tuple[list[Batch], list[Batch]]:
    """A recipe's `recent` newest batches and all its trial runs (oldest first, with versions,
    notes and outputs), in one query (plus the trials' notes and outputs when it has any)."""
    newest = Batch.objects.filter(recipe_id=recipe_id).order_by("-planned_at", "-pk")
    rows = list(
        Batch.objects.filter(recipe_id=recipe_id)
        .filter(Q(is_trial=True) | Q(pk__in=Subquery(newest.values("pk")[:recent])))
        .select_related("version")
        .order_by("-planned_at", "-pk")
    )
    trials = [batch for batch in reversed(rows) if batch.is_trial]
    prefetch_related_objects(trials, "notes", "outputs")
    return rows[:recent], trials


def batch_row(pk: int) -> Batch:
    """The batch alone, for actions that hand it to a service; raises DoesNotExist."""
    return Batch.objects.get(pk=pk)


def batch_to_finish(pk: int) -> Batch:
    """The batch with its recipe's output item (the finish flow's first choice); raises DoesNotExist."""
    return Batch.objects.select_related("recipe__output_item").get(pk=pk)


def batch_with_lines(pk: int) -> Batch:
    """The batch with its lines (no items), enough for `batch_stock_check(...).shortfall_of`;
    raises DoesNotExist."""
    return Batch.objects.prefetch_related("lines").get(pk=pk)


def timer(pk: int) -> BatchTimer:
    """One timer of the workspace; raises DoesNotExist."""
    return BatchTimer.objects.get(pk=pk)


def lot_to_trace(pk: int) -> Lot:
    """A lot with its item, for its trace page; raises Lot.DoesNotExist."""
    return Lot.objects.select_related("item").get(pk=pk)


# A recall by name lists the lots of at most this many closest items.
RECALL_ITEMS = 5


def recall_candidates(query: str) -> list[Lot]:
    """Lots a recall search names, at most 20: by our code (L123 or 123) or a supplier's lot code
    first, then every lot of the items whose name matches (with typos: inventory.selectors
    .items_matching), newest first."""
    by_code = Q(supplier_lot_code__iexact=query)
    lot_id = Lot.id_from_code(query)
    if lot_id is not None:
        by_code |= Q(pk=lot_id)
    items = [item.pk for item in items_matching(query, limit=RECALL_ITEMS)]
    return list(
        Lot.objects.filter(by_code | Q(item__in=items))
        .annotate(by_code=Case(When(by_code, then=Value(0)), default=Value(1)))
        .select_related("item")
        .order_by("by_code", "-received_at", "-id")[:20]
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


# --- Does this batch have the stock? --------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    """What a maker can do about one short item: receive `shortfall` more (in `unit`, the item's
    stock unit; every line of the item added up)."""

    item_id: int
    name: str
    shortfall: Decimal
    unit: str


@dataclass(frozen=True)
class BatchStockCheck:
    """A planned batch's stock check: `rows` pairs each planned line (extras aside) with inventory's
    check of it (usable, unreserved stock; lines of one item draw on the same stock, in order)."""

    rows: tuple[tuple[BatchLine, StockCheckLine], ...]
    status: StockStatus

    @property
    def ready(self) -> bool:
        """Every line can be made (enough, or enough and then low)."""
        return self.status in (StockStatus.OK, StockStatus.LOW)

    @property
    def short(self) -> list[tuple[BatchLine, StockCheckLine]]:
        return [(line, c) for line, c in self.rows if c.status == StockStatus.SHORT]

    @property
    def broken(self) -> list[tuple[BatchLine, StockCheckLine]]:
        """Lines that can't be checked (unknown unit, missing density...): fix the item."""
        return [(line, c) for line, c in self.rows if c.status == StockStatus.ERROR]

    @property
    def fixes(self) -> list[Fix]:
        """One "receive this much" per short item, in the order the items first appear."""
        found: dict[int, Fix] = {}
        for line, c in self.short:
            before = found.get(line.item_id)
            total = c.shortfall + (before.shortfall if before else Decimal("0"))
            found[line.item_id] = Fix(line.item_id, line.item.name, total, c.unit)
        return list(found.values())

    def shortfall_of(self, item_id: int) -> Decimal | None:
        """How much of the item the plan still lacks, in its stock unit (zero when covered); None
        when no planned line uses it."""
        checks = [c for line, c in self.rows if line.item_id == item_id]
        if not checks:
            return None
        return sum((c.shortfall for c in checks), start=Decimal("0"))


def batch_stock_check(batch: Batch) -> BatchStockCheck:
    """The stock check of a batch's planned lines (not its extras), in the stock unit of each item.
    Reads the batch's lines (prefetched by `batch_record`) and two or three queries more."""
    lines = [line for line in batch.lines.all() if not line.is_extra]
    if not lines:
        return BatchStockCheck(rows=(), status=StockStatus.OK)
    result = check_stock(lines=[ConsumeLine(line.item_id, line.stock_quantity) for line in lines])
    return BatchStockCheck(rows=tuple(zip(lines, result.lines, strict=True)), status=result.status)


@dataclass(frozen=True)
class LargestBatch:
    """The most of a short plan that the usable stock allows now, in the plan's yield unit."""

    yield_quantity: Decimal  # zero when some item has nothing usable at all
    yield_unit: str
    limiting: tuple[str, ...]  # the items that run out first, by name


def largest_batch(batch: Batch, stock: BatchStockCheck) -> LargestBatch | None:
    """How much of `batch`'s plan its stock check allows: the plan's yield times the smallest share
    of its need that any item has usable (each item's lines added up), rounded down to whole units
    (to hundredths under one unit). None when the plan fits already or a line can't be checked.
    Reads nothing more than the check."""
    if stock.ready or stock.broken:
        return None
    needs: dict[int, tuple[str, Decimal, Decimal]] = {}
    for line, check in stock.rows:
        if not check.tracked or check.available is None or not line.stock_quantity:
            continue
        name, need, available = needs.get(
            line.item_id, (line.item.name, Decimal("0"), check.available)
        )
        needs[line.item_id] = (name, need + line.stock_quantity, available)
    if not needs:
        return None
    shares = {
        item_id: max(available, Decimal("0")) / need
        for item_id, (_n, need, available) in needs.items()
    }
    share = min(shares.values())
    if share >= 1:
        return None
    made = batch.planned_yield * share
    step = Decimal("1") if made >= 1 else Decimal("0.01")
    return LargestBatch(
        yield_quantity=made.quantize(step, rounding=ROUND_FLOOR),
        yield_unit=batch.yield_unit,
        limiting=tuple(needs[item_id][0] for item_id, s in shares.items() if s == share),
    )


def planned_need_by_item() -> QuerySet[Any, dict[str, Any]]:
    """What planned (not yet started) batches will take of each item, in its stock unit: rows of
    `item_id` and `need`, for a Subquery filtered on `item_id` (purchasing's reorder list)."""
    return (
        BatchLine.objects.filter(
            batch__status=Batch.Status.PLANNED, is_extra=False, status=BatchLine.Status.PENDING
        )
        .order_by()
        .values("item_id")
        .annotate(need=Sum("stock_quantity"))
    )
