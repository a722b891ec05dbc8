"""The money reports at size: inventory valuation as of a date and a year's sales and profit, on a
workspace holding about 200,000 ledger movements and 20,000 order lines.

Runs alone: `.venv/bin/python bench/reports.py` (embedded PostgreSQL/Redis when no URLs are set, as for
`make run`). Works in its own workspace, `bench-reports`, created on first use; every run empties its
inventory, product and sales tables first (TRUNCATE: the ledger refuses DELETE) and bulk-loads the data
with bulk_create (not through the services: they are measured elsewhere). The rows keep the ledger's
invariants: each lot's remaining = received - drawn, each item's on-hand and stock value = the sums of
its movements, each order line's cost = the value of its sale movement.

Data, spread over last calendar year: 200 ingredients with ~99 lots each (a receive and 8 uses per lot)
and 50 SKUs with 40 lots of 10 each, sold one at a time on 20,000 order lines (10,000 orders).
Measured through the real selectors: statements (SET search_path left out; the same at any size) and
median ms of RUNS runs. Target: under 500 ms each. Prints one JSON object as its last line.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "1")

from _common import bench_workspace, emit, median_ms, setup_django  # noqa: E402

INGREDIENTS = 200
INGREDIENT_LOTS = 19_778  # x 9 movements, + 2,000 SKU receipts + 20,000 sales = 200,002
USES_PER_LOT = 8
SKUS = 50
SKU_LOTS = 40
ORDERS = 10_000
LINES_PER_ORDER = 2
RUNS = 9
TARGET_MS = 500
UTC = ZoneInfo("UTC")


def main() -> None:
    started = time.perf_counter()
    setup_django()
    from django.conf import settings
    from django_tenants.utils import tenant_context
    from fifo import migrate_if_needed

    organization = bench_workspace("bench-reports", "Reports benchmark")
    migrate_if_needed(organization)
    settings.DEBUG = False
    year = datetime.now(UTC).year - 1
    with tenant_context(organization):
        reset()
        seeded = seed(year)
        results = measure(year)
    emit(
        {
            "bench": "reports",
            **seeded,
            **results,
            "target_ms": TARGET_MS,
            "runtime_s": round(time.perf_counter() - started, 1),
        }
    )


def reset() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE sales_linereturn, sales_orderline, sales_order, sales_customer, "
            "products_deduction, products_sku, products_size, products_variant, products_product, "
            "inventory_movement, inventory_reservation, inventory_lot, inventory_item CASCADE"
        )


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random()


def seed(year: int) -> dict:
    from django.db import connection

    from inventory.models import Item, Lot, Movement
    from products.models import Product, Sku
    from sales.models import Order, OrderLine

    rng = random.Random(13)
    start, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    loaded = time.perf_counter()
    items = Item.objects.bulk_create(
        Item(name=f"Ingredient {n}", stock_unit="g") for n in range(INGREDIENTS)
    )
    movements: list[Movement] = []
    lots = []
    for n in range(INGREDIENT_LOTS):
        received = _moment(rng, start, end - timedelta(days=2))
        lots.append(
            Lot(
                item=items[n % INGREDIENTS],
                quantity_received=Decimal("100"),
                quantity_remaining=Decimal("100") - 10 * USES_PER_LOT,
                unit_cost=Decimal("0.01") + Decimal(n % 50) / 1000,
                received_at=received,
                created_at=received,
            )
        )
    Lot.objects.bulk_create(lots, batch_size=5000)
    for lot in lots:
        movements.append(_movement(lot, Movement.Kind.RECEIVE, Decimal("100"), lot.received_at))
        for use in range(USES_PER_LOT):
            at = lot.received_at + timedelta(hours=1 + use)
            movements.append(_movement(lot, Movement.Kind.USE, Decimal("-10"), at))
    products = Product.objects.bulk_create(
        Product(name=f"Bench bar {n}", code=f"B{n}") for n in range(SKUS)
    )
    sku_items = Item.objects.bulk_create(
        Item(name=f"Bench bar {n}", stock_unit="each", kind=Item.Kind.PRODUCT) for n in range(SKUS)
    )
    skus = Sku.objects.bulk_create(
        Sku(product=products[n], code=f"BENCH-{n}", price=Decimal("8.50"), item=item)
        for n, item in enumerate(sku_items)
    )
    sku_lots = [
        Lot(
            item=item,
            quantity_received=Decimal("10"),
            quantity_remaining=Decimal("0"),
            unit_cost=Decimal("2.00") + Decimal(n % 7) / 10,
            received_at=start + timedelta(hours=n),
            created_at=start + timedelta(hours=n),
        )
        for item in sku_items
        for n in range(SKU_LOTS)
    ]
    Lot.objects.bulk_create(sku_lots, batch_size=5000)
    movements.extend(
        _movement(lot, Movement.Kind.RECEIVE, Decimal("10"), lot.received_at) for lot in sku_lots
    )
    orders = Order.objects.bulk_create(
        (
            Order(status=Order.Status.FULFILLED, created_at=at, fulfilled_at=at, closed_at=at)
            for at in sorted(_moment(rng, start + timedelta(days=3), end) for _ in range(ORDERS))
        ),
        batch_size=5000,
    )
    # Each SKU lot's ten units go to ten lines, in order.
    units = [lot for lot in sku_lots for _ in range(10)]
    rng.shuffle(units)
    sku_of = {sku.item_id: sku for sku in skus}
    lines = []
    for n, lot in enumerate(units):
        order = orders[n // LINES_PER_ORDER]
        lines.append(
            OrderLine(
                order=order,
                position=n % LINES_PER_ORDER + 1,
                sku=sku_of[lot.item_id],
                quantity=Decimal("1"),
                unit_price=Decimal("8.50"),
                cost=lot.unit_cost,
            )
        )
    OrderLine.objects.bulk_create(lines, batch_size=5000)
    for line, lot in zip(lines, units, strict=True):
        sale = _movement(lot, Movement.Kind.SALE, Decimal("-1"), line.order.fulfilled_at)
        sale.reference_type, sale.reference_id = "order_line", line.pk
        movements.append(sale)
    Movement.objects.bulk_create(movements, batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE inventory_item i SET on_hand = s.q, stock_value = s.v FROM ("
            " SELECT item_id, SUM(quantity) q, SUM(value) v FROM inventory_movement"
            " WHERE affects_stock GROUP BY item_id) s WHERE s.item_id = i.id"
        )
        cursor.execute("ANALYZE")
    return {
        "movements": len(movements),
        "order_lines": len(lines),
        "seed_s": round(time.perf_counter() - loaded, 1),
    }


def _movement(lot, kind, quantity: Decimal, at: datetime):
    from inventory.models import Movement

    return Movement(
        item_id=lot.item_id,
        lot=lot,
        kind=kind,
        quantity=quantity,
        unit_cost=lot.unit_cost,
        value=quantity * lot.unit_cost,
        created_at=at,
    )


def measure(year: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sales.selectors import sales_and_profit, schedule_c, valuation_as_of

    start, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    cases = {
        "valuation_as_of": lambda: valuation_as_of(at=datetime(year, 7, 1, tzinfo=UTC)),
        "sales_and_profit_year": lambda: sales_and_profit(start=start, end=end, zone=UTC),
        "year_end_summary": lambda: schedule_c(year=year, zone=UTC),
    }
    results = {}
    for name, read in cases.items():
        with CaptureQueriesContext(connection) as captured:
            read()
        statements = sum(
            1 for q in captured.captured_queries if not q["sql"].startswith("SET search_path")
        )
        samples = []
        for _ in range(RUNS):
            began = time.perf_counter()
            read()
            samples.append(time.perf_counter() - began)
        results[name] = {
            "queries": statements,
            "median_ms": median_ms(samples),
            "under_target": median_ms(samples) < TARGET_MS,
        }
    report = sales_and_profit(start=start, end=end, zone=UTC)
    results["year_revenue"] = str(report.total.revenue)
    return results


if __name__ == "__main__":
    main()
