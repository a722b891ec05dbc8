"""Sales and gross profit for a period, by month, product and SKU, from the orders: three queries
whatever the number of lines.

A fulfilled line counts in the month its order was fulfilled (the workspace's time zone): revenue is
its goods (quantity x price, half up to cents, less the discount) plus its share of shipping charged;
fees its share of the marketplace fee; cost of goods what its lots cost (exact). A return counts in
the month it came back: its refund off revenue, the cost put back on the shelf off cost of goods.
Gross profit = revenue - cost of goods - fees; margin % as sales.money.margin_pct.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import F, Q, Sum
from django.db.models.functions import Round, TruncMonth

from batchtrack.reads import RowRead, totals
from products.models import Sku
from sales.models import LineReturn, Order, OrderLine
from sales.money import margin_pct

ZERO = Decimal("0")
# A line's revenue in SQL, as sales.money.line_goods + its shipping share (ROUND is half up for the
# positive amounts it sees).
_REVENUE_EXPRESSION = (
    Round(F("quantity") * F("unit_price"), 2) - F("discount") + F("shipping_share")
)
_REVENUE = Sum(_REVENUE_EXPRESSION)


@dataclass
class Figures:
    revenue: Decimal = ZERO
    cost: Decimal = ZERO  # exact
    fees: Decimal = ZERO

    @property
    def profit(self) -> Decimal:
        return self.revenue - self.cost - self.fees

    @property
    def margin(self) -> Decimal | None:
        return margin_pct(self.profit, self.revenue)

    def add(self, other: Figures) -> None:
        self.revenue += other.revenue
        self.cost += other.cost
        self.fees += other.fees


@dataclass
class ProfitRow(Figures):
    month: date | None = None
    product: str = ""
    sku_id: int = 0
    sku_code: str = ""


@dataclass
class ProfitReport:
    start: datetime
    end: datetime
    rows: list[ProfitRow]  # by month, then product, then SKU
    total: Figures = field(default_factory=Figures)
    by_month: dict[date, Figures] = field(default_factory=dict)
    by_product: dict[str, Figures] = field(default_factory=dict)


def sales_and_profit(*, start: datetime, end: datetime, zone: ZoneInfo) -> ProfitReport:
    """Figures of the lines fulfilled and the returns made in [start, end)."""
    sold = (
        OrderLine.objects.filter(
            order__status=Order.Status.FULFILLED,
            order__fulfilled_at__gte=start,
            order__fulfilled_at__lt=end,
        )
        .annotate(month=TruncMonth("order__fulfilled_at", tzinfo=zone))
        .values("month", "sku_id")
        .annotate(
            takings=_REVENUE,
            fees=Sum("fee_share"),
            cost=Sum("cost"),
        )
        .order_by()
    )
    returned = (
        LineReturn.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(month=TruncMonth("created_at", tzinfo=zone))
        .values("month", sku_id=F("line__sku_id"))
        .annotate(refund=Sum("refund"), cost=Sum("cost"))
        .order_by()
    )
    cells: dict[tuple[date, int], Figures] = defaultdict(Figures)
    for row in sold:
        cells[(row["month"].date(), row["sku_id"])].add(
            Figures(row["takings"], row["cost"], row["fees"])
        )
    for row in returned:
        cells[(row["month"].date(), row["sku_id"])].add(Figures(-row["refund"], -row["cost"]))
    names = {
        sku["pk"]: (sku["product__name"], sku["code"])
        for sku in Sku.objects.filter(pk__in={sku for _, sku in cells}).values(
            "pk", "code", "product__name"
        )
    }
    rows = sorted(
        (
            ProfitRow(
                revenue=f.revenue,
                cost=f.cost,
                fees=f.fees,
                month=month,
                product=names[sku][0],
                sku_id=sku,
                sku_code=names[sku][1],
            )
            for (month, sku), f in cells.items()
        ),
        key=lambda r: (r.month, r.product, r.sku_code),
    )
    report = ProfitReport(start=start, end=end, rows=rows)
    for found in rows:
        assert found.month is not None
        report.total.add(found)
        report.by_month.setdefault(found.month, Figures()).add(found)
        report.by_product.setdefault(found.product, Figures()).add(found)
    return report


def by_sku(report: ProfitReport) -> list[ProfitRow]:
    """The report's rows added up over its months, one per SKU, by product and code."""
    merged: dict[int, ProfitRow] = {}
    for row in report.rows:
        into = merged.setdefault(
            row.sku_id, ProfitRow(product=row.product, sku_id=row.sku_id, sku_code=row.sku_code)
        )
        into.add(row)
    return sorted(merged.values(), key=lambda r: (r.product, r.sku_code))


@dataclass(frozen=True)
class RecentSales:
    """The dashboard's "how am I doing": this week's (from Monday) and this calendar month's sales
    and profit so far, in the workspace's zone."""

    week: Figures
    month: Figures
    week_start: datetime
    month_start: datetime


def recent_sales_read(*, now: datetime, zone: ZoneInfo) -> RowRead[RecentSales]:
    """This week's and this month's figures by the same rules as `sales_and_profit`'s total, as one
    row of sums (the lines sold and the returns each read once for both periods): run it alone, or
    fold it into another one-row read (batchtrack.reads.run_together)."""
    local = now.astimezone(zone)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    month_start = day.replace(day=1)
    week_start = day - timedelta(days=day.weekday())
    since = min(week_start, month_start)
    periods = {"week": week_start, "month": month_start}
    sold = totals(
        OrderLine.objects.filter(
            order__status=Order.Status.FULFILLED,
            order__fulfilled_at__gte=since,
            order__fulfilled_at__lt=now,
        ),
        **{
            f"{name}_{figure}": Sum(expression, filter=Q(order__fulfilled_at__gte=start))
            for name, start in periods.items()
            for figure, expression in (
                ("revenue", _REVENUE_EXPRESSION),
                ("fees", F("fee_share")),
                ("cost", F("cost")),
            )
        },
    )
    back = totals(
        LineReturn.objects.filter(created_at__gte=since, created_at__lt=now),
        **{
            f"{name}_{figure}": Sum(figure, filter=Q(created_at__gte=start))
            for name, start in periods.items()
            for figure in ("refund", "cost")
        },
    )

    def make(values: dict) -> RecentSales:
        sold, back = values["sold"], values["back"]

        def figures(name: str) -> Figures:
            return Figures(
                revenue=(sold[f"{name}_revenue"] or ZERO) - (back[f"{name}_refund"] or ZERO),
                cost=(sold[f"{name}_cost"] or ZERO) - (back[f"{name}_cost"] or ZERO),
                fees=sold[f"{name}_fees"] or ZERO,
            )

        return RecentSales(
            week=figures("week"),
            month=figures("month"),
            week_start=week_start,
            month_start=month_start,
        )

    return RowRead(make=make, rows={"sold": sold, "back": back})


def recent_sales(*, now: datetime, zone: ZoneInfo) -> RecentSales:
    """This week's and this month's figures (`recent_sales_read`), in one query."""
    return recent_sales_read(now=now, zone=zone).run()
