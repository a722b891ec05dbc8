"""The year-end summary in the shape of the US Schedule C, Part III (cost of goods sold), from the
ledger, for a calendar year in the workspace's time zone. Two queries.

The rule, line by line (V = a movement's signed value; "in the year" = recorded in it):
- 35 inventory at start of year: the valuation just before 1 January (sum of V of stock movements);
- 36 purchases: sum of V of receive movements in the year (stock bought in);
- 37 cost of labor: left blank (BatchTrack doesn't record wages);
- 38 materials and supplies: what untracked items (kept without stock: tap water, labels used by
  the roll) cost when used or sold in the year (minus the sum of V of non-stock movements); their
  cost went into the batches that used them, or straight into cost of goods;
- 39 other costs: blank (rent, utilities and overheads aren't recorded here);
- 41 inventory at end of year: the valuation just before 1 January of the next year;
- 42 cost of goods sold = 35 + 36 + 37 + 38 + 39 - 41.

Every stock movement in the year falls in exactly one group: purchases; sold (sales and customer
returns, `cogs.sold_q`); production (used in batches, batch outputs, and what cancelled batches put
back); written off (disposals, giveaways, recounts, returns without a source, revaluations and their
undoing). So line 42 always splits into what was sold + what production lost (failed batches; a
finished batch's output carries its inputs' cost, untracked supplies included, so it nets to zero)
+ what was written off net of stock found: `Schedule.cost_of_goods == sold + production_loss +
written_off`, to the last of 12 decimals, is the ledger's books balancing (tests assert it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet, Sum

from inventory.models import Movement
from sales.selectors.cogs import sold_q

ZERO = Decimal("0")

# The groups of the year's movements; each page of detail lists one group's movements.
GROUPS = ("purchases", "supplies", "sold", "production", "written_off")


def year_bounds(year: int, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def _production_q() -> Q:
    return Q(kind__in=[Movement.Kind.USE, Movement.Kind.BATCH_OUTPUT]) | Q(
        kind=Movement.Kind.RESTORE, reference_type="batch"
    )


def group_q(group: str) -> Q:
    """Which of the year's movements make up `group` (the sums and the detail pages ask this)."""
    tracked = Q(affects_stock=True)
    purchases = Q(kind=Movement.Kind.RECEIVE)
    if group == "purchases":
        return purchases
    if group == "supplies":
        return Q(affects_stock=False)
    if group == "sold":
        return sold_q()
    if group == "production":
        return tracked & _production_q() & ~sold_q()
    if group == "written_off":
        return tracked & ~purchases & ~sold_q() & ~_production_q()
    raise ValueError(f"Unknown group {group!r}; one of {GROUPS}.")


def group_movements(*, group: str, start: datetime, end: datetime) -> QuerySet[Movement]:
    return Movement.objects.filter(group_q(group), created_at__gte=start, created_at__lt=end)


@dataclass(frozen=True)
class Schedule:
    year: int
    start: datetime
    end: datetime
    opening: Decimal  # line 35
    purchases: Decimal  # line 36
    supplies: Decimal  # line 38
    closing: Decimal  # line 41
    sold: Decimal  # cost of goods sold to customers, net of returns
    untracked_sold: Decimal  # the part of `sold` that was untracked items (also in line 38)
    production: Decimal  # net V of production movements (stock)
    written_off: Decimal  # cost of stock written off, given away or lost, net of stock found

    labor = None  # line 37
    other = None  # line 39

    @property
    def total_costs(self) -> Decimal:  # line 40
        return self.opening + self.purchases + self.supplies

    @property
    def cost_of_goods(self) -> Decimal:  # line 42
        return self.total_costs - self.closing

    @property
    def production_loss(self) -> Decimal:
        """What production cost beyond what its outputs hold (failed batches); untracked supplies
        used in production count here, as the batches' outputs carry them."""
        return self.supplies - self.untracked_sold - self.production

    @property
    def balances(self) -> bool:
        return self.cost_of_goods == self.sold + self.production_loss + self.written_off


def schedule_c(*, year: int, zone: ZoneInfo) -> Schedule:
    start, end = year_bounds(year, zone)
    stock = Movement.objects.filter(affects_stock=True, created_at__lt=end).aggregate(
        opening=Sum("value", filter=Q(created_at__lt=start)), closing=Sum("value")
    )
    year_rows = Movement.objects.filter(created_at__gte=start, created_at__lt=end).aggregate(
        **{group: Sum("value", filter=group_q(group)) for group in GROUPS},
        untracked_sold=Sum("value", filter=sold_q() & Q(affects_stock=False)),
    )

    def value(key: str, source: dict) -> Decimal:
        return source[key] or ZERO

    return Schedule(
        year=year,
        start=start,
        end=end,
        opening=value("opening", stock),
        purchases=value("purchases", year_rows),
        supplies=-value("supplies", year_rows),
        closing=value("closing", stock),
        sold=-value("sold", year_rows),
        untracked_sold=-value("untracked_sold", year_rows),
        production=value("production", year_rows),
        written_off=-value("written_off", year_rows),
    )
