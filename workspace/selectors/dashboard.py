"""What needs the maker today: the dashboard's reads, in a fixed number of queries however much the
workspace holds (each list is cut to a few rows and says when there are more).

- timers: running and paused timers (batches.selectors.open_timers), split into overdue and running;
- batches: in progress (to finish) and planned (to start), from batches.selectors.batch_list;
- lots: expired, expiring within EXPIRING_DAYS, curing lots that became ready in the last
  CURED_DAYS and lots still curing (soonest ready first, with how many there are), in one query
  ranked per section;
- low stock: inventory.selectors.item_list(low_stock=True);
- held for orders: products.selectors.open_holds (orders to ship);
- inventory value by kind: one aggregate over the open lots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Case, Count, F, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber

from batches.models import Batch, BatchTimer
from batches.selectors import batch_list, open_timers
from inventory.models import Item, Lot
from inventory.selectors import item_list
from products.selectors import open_holds

SHOWN = 5  # rows per list; one more is read to know whether there are more
EXPIRING_DAYS = 14
CURED_DAYS = 14


@dataclass(frozen=True)
class Rows:
    rows: list = field(default_factory=list)
    more: bool = False

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _cut(rows: list) -> Rows:
    return Rows(rows[:SHOWN], len(rows) > SHOWN)


@dataclass(frozen=True)
class Today:
    overdue_timers: Rows = field(default_factory=Rows)
    running_timers: Rows = field(default_factory=Rows)
    in_progress: Rows = field(default_factory=Rows)
    planned: Rows = field(default_factory=Rows)
    expired: Rows = field(default_factory=Rows)
    expiring: Rows = field(default_factory=Rows)
    cured: Rows = field(default_factory=Rows)
    low_stock: Rows = field(default_factory=Rows)
    holds: Rows = field(default_factory=Rows)
    curing: Rows = field(default_factory=Rows)  # informs: not counted in needs_attention
    curing_total: int = 0  # every lot still curing, listed or not

    @property
    def curing_more(self) -> int:
        """How many curing lots the list leaves out."""
        return self.curing_total - len(self.curing)

    @property
    def needs_attention(self) -> int:
        """How many things ask for action now (shown lists only; running timers just inform)."""
        return sum(
            len(rows)
            for rows in (
                self.overdue_timers,
                self.expired,
                self.low_stock,
                self.cured,
                self.expiring,
                self.in_progress,
                self.planned,
                self.holds,
            )
        )


def _lots(now: datetime) -> tuple[dict[str, list[Lot]], int]:
    """The lot sections' first rows, and how many lots are still curing."""
    soon = now + timedelta(days=EXPIRING_DAYS)
    curing = Q(hold_until__gt=now) & (Q(expires_at__isnull=True) | Q(expires_at__gt=soon))
    section = Case(
        When(expires_at__lte=now, then=Value("expired")),
        When(expires_at__lte=soon, then=Value("expiring")),
        When(curing, then=Value("curing")),
        default=Value("cured"),
    )
    lots = (
        Lot.objects.filter(quantity_remaining__gt=0, item__is_archived=False)
        .filter(
            Q(expires_at__lte=soon)
            | Q(hold_until__gt=now - timedelta(days=CURED_DAYS))  # cured lately, or curing
        )
        .annotate(
            section=section,
            rank=Window(
                RowNumber(),
                partition_by=[section],
                order_by=[
                    Case(When(curing, then=F("hold_until"))).asc(nulls_last=True),
                    F("expires_at").asc(nulls_last=True),
                    F("hold_until").desc(),
                    "id",
                ],
            ),
            in_section=Window(Count("id"), partition_by=[section]),
        )
        .filter(rank__lte=SHOWN + 1)
        .select_related("item", "item__sku")
        .order_by("section", "rank")
    )
    found: dict[str, list[Lot]] = {"expired": [], "expiring": [], "cured": [], "curing": []}
    curing_total = 0
    for lot in lots:
        found[lot.section].append(lot)
        if lot.section == "curing":
            curing_total = lot.in_section
    return found, curing_total


def today(
    *, now: datetime, inventory: bool = True, batches: bool = True, products: bool = True
) -> Today:
    """The dashboard's lists at `now`; sections the member may not see (`inventory`, `batches`,
    `products`) are left empty and cost no query."""
    sections: dict[str, Rows] = {}
    curing_total = 0
    if batches:
        timers = open_timers()
        sections["overdue_timers"] = _cut([t for t in timers if t.is_overdue(now)])
        sections["running_timers"] = _cut(
            [t for t in timers if not t.is_overdue(now) and t.status == BatchTimer.Status.RUNNING]
        )
        open_batches = list(
            batch_list()
            .filter(status__in=[Batch.Status.IN_PROGRESS, Batch.Status.PLANNED])
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("status")],
                    order_by=[F("started_at").asc(nulls_last=True), "planned_at", "id"],
                )
            )
            .filter(rank__lte=SHOWN + 1)
            .order_by("status", "rank")
        )
        sections["in_progress"] = _cut(
            [b for b in open_batches if b.status == Batch.Status.IN_PROGRESS]
        )
        sections["planned"] = _cut([b for b in open_batches if b.status == Batch.Status.PLANNED])
    if inventory:
        lots, curing_total = _lots(now)
        sections.update({name: _cut(rows) for name, rows in lots.items()})
        sections["low_stock"] = _cut(
            list(item_list(low_stock=True, expiring_within_days=0, now=now)[: SHOWN + 1])
        )
    if products:
        sections["holds"] = _cut(list(open_holds()[: SHOWN + 1]))
    return Today(**sections, curing_total=curing_total)


@dataclass(frozen=True)
class KindValue:
    kind: str
    label: str
    value: Decimal  # exact


def value_by_kind() -> list[KindValue]:
    """What the stock on hand is worth per item kind (the items' stock value, by the workspace's
    costing method), largest first; kinds holding nothing are left out. One query."""
    rows = (
        Item.objects.filter(on_hand__gt=0, is_archived=False)
        .values("kind")
        .annotate(value=Sum("stock_value"))
        .order_by()
    )
    labels = dict(Item.Kind.choices)
    found = [
        KindValue(row["kind"], labels.get(row["kind"], row["kind"]), row["value"])
        for row in rows
        if row["value"]
    ]
    return sorted(found, key=lambda k: (-k.value, k.label))
