"""FIFO consumption and the inventory list page, measured on the real stack (PostgreSQL, django-tenants).

Runs alone: `.venv/bin/python bench/fifo.py` (embedded PostgreSQL/Redis when no URLs are set, as for
`make run`). Works in its own workspace, `bench-fifo`, created on first use; every run empties that
workspace's inventory tables first (TRUNCATE: the ledger refuses DELETE by design), so runs neither pile
up data nor depend on an earlier run. Prints one JSON object as its last line:

- consume_span: a consume drawing from k = 1, 10, 100, 1000 lots: statements issued and median ms;
- consume_by_lots_held: a consume drawing one lot from an item holding 10 or 10,000 lots: the statement
  count must be the same (`query_count_constant`);
- sequential: 1,000 consumes through `inventory.services.consume` against a hand-written raw-SQL FIFO
  doing the same work (lock item, read costing method, running-sum lot scan, insert movements, update
  lots and item, one transaction each) on an identical item in the same run: `vs_raw_sql_ratio`;
- item_list: the item list selector (page of 50 + count, with low-stock/expiring flags and stock value)
  over 5,000 items and 100,000 movements: statements and median ms, plus filtered variants.

"queries" counts the SQL statements the code chose to run (not BEGIN/COMMIT, SET search_path or
savepoints); "round_trips" counts every message that waits for the server (`_common.RoundTrips`):
statements, a `SET search_path` sent alone, savepoints, BEGIN when it travels alone, COMMIT.
Targets (issue 21): at most 4 round trips per consume, at most 1.0x the raw-SQL FIFO, and a consume
from an item holding 10,000 lots within 1.2x of one holding 10.
Seeding bypasses the services (bulk SQL) but writes lots, receive movements and balances that satisfy the
ledger invariant; everything measured goes through the real services and selectors.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "1")

from _common import RoundTrips, bench_workspace, emit, median_ms, setup_django  # noqa: E402

SPANS = (1, 10, 100, 1000)
SPAN_REPEATS = {1: 15, 10: 15, 100: 9, 1000: 5}
SEQUENTIAL = 1000
LIST_ITEMS = 5000
LOTS_PER_LIST_ITEM = 10  # each lot: one receive and one use movement -> 100,000 movements
LIST_REPEATS = 15
PAGE_SIZE = 50


def main() -> None:
    started = time.perf_counter()
    setup_django()
    from django.conf import settings
    from django_tenants.utils import tenant_context

    organization = bench_workspace("bench-fifo", "FIFO benchmark")
    migrate_if_needed(organization)
    # Time without Django's query log (DEBUG=1 keeps one); statement counts capture explicitly.
    settings.DEBUG = False
    with tenant_context(organization):
        reset_inventory()
        item_list = bench_item_list()
        spans = bench_spans()
        held = bench_lots_held()
        sequential = bench_sequential(organization.schema_name)
        reset_inventory()
    emit(
        {
            "bench": "fifo",
            "consume_span": spans,
            "consume_by_lots_held": held,
            "sequential": sequential,
            "vs_raw_sql_ratio": sequential["vs_raw_sql_ratio"],
            "consume_round_trips": spans["1"]["round_trips"],
            "lots_held_ratio_10000_vs_10": held["ratio_10000_vs_10"],
            "item_list": item_list,
            "runtime_s": round(time.perf_counter() - started, 1),
        }
    )


# --- setup ------------------------------------------------------------------------------------


def migrate_if_needed(organization) -> None:
    """Apply tenant migrations to the bench schema only when some are missing."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django_tenants.utils import tenant_context

    with tenant_context(organization):
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    connection.set_schema_to_public()
    if pending:
        call_command(
            "migrate_schemas", schema_name=organization.schema_name, interactive=False, verbosity=0
        )


def reset_inventory() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE inventory_movement, inventory_reservation, inventory_lot, inventory_item, "
            "inventory_customunit, inventory_inventorypreferences CASCADE"
        )


def new_item(name: str):
    from inventory.models import Item

    return Item.objects.create(name=f"{name} {uuid.uuid4().hex[:8]}", stock_unit="g")


def seed_lots(item, count: int, quantity: Decimal = Decimal("10")) -> list[int]:
    """`count` lots of `quantity` g, oldest first, with their receive movements and balance."""
    from django.db.models import F
    from django.utils import timezone

    from inventory.models import Item, Lot, Movement

    base = timezone.now() - timedelta(days=30)
    lots = Lot.objects.bulk_create(
        Lot(
            item=item,
            quantity_received=quantity,
            quantity_remaining=quantity,
            unit_cost=Decimal("1.00") + Decimal(n % 7) / 100,
            received_at=base + timedelta(seconds=n),
        )
        for n in range(count)
    )
    Movement.objects.bulk_create(
        Movement(
            item=item,
            lot=lot,
            kind=Movement.Kind.RECEIVE,
            quantity=quantity,
            unit_cost=lot.unit_cost,
            value=quantity * lot.unit_cost,
            created_at=lot.received_at,
        )
        for lot in lots
    )
    Item.objects.filter(pk=item.pk).update(
        on_hand=F("on_hand") + quantity * count,
        stock_value=F("stock_value") + sum(quantity * lot.unit_cost for lot in lots),
    )
    return [lot.pk for lot in lots]


class Statements:
    """Capture SQL; `queries` leaves out SET search_path, savepoints and transaction control,
    `round_trips` counts everything sent."""

    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.context = CaptureQueriesContext(connection)
        self.context.__enter__()
        self.trips = RoundTrips().__enter__()
        return self

    def __exit__(self, *exc):
        self.trips.__exit__(*exc)
        self.context.__exit__(*exc)

    @property
    def round_trips(self) -> int:
        return self.trips.count

    @property
    def queries(self) -> int:
        skip = ("SET search_path", "SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")
        return sum(1 for q in self.context.captured_queries if not q["sql"].startswith(skip))


# --- consume ----------------------------------------------------------------------------------


def bench_spans() -> dict:
    from inventory import services

    results = {}
    for k in SPANS:
        samples, counts = [], set()
        for repeat in range(SPAN_REPEATS[k] + 1):
            item = new_item(f"Span {k}")
            seed_lots(item, k)
            quantity = Decimal(10 * (k - 1) + 5)  # the last lot only partly
            if repeat == 0:  # count once, time the rest
                with Statements() as statements:
                    result = services.consume(item=item, quantity=quantity)
                counts.add((statements.queries, statements.round_trips))
                assert len(result.draws) == k
                continue
            start = time.perf_counter()
            services.consume(item=item, quantity=quantity)
            samples.append(time.perf_counter() - start)
        ((queries, trips),) = counts
        results[str(k)] = {
            "queries": queries,
            "round_trips": trips,
            "median_ms": median_ms(samples),
        }
    return results


def bench_lots_held() -> dict:
    """A consume from an item holding 10 lots and from one holding 10,000, alternated so that load
    from anything else on the machine falls on both alike."""
    from inventory import services

    held_counts = (10, 10_000)
    items, statements, samples = {}, {}, {held: [] for held in held_counts}
    for held in held_counts:
        items[held] = new_item(f"Held {held}")
        seed_lots(items[held], held, quantity=Decimal("1000"))
        with Statements() as counted:
            services.consume(item=items[held], quantity=5)
        statements[held] = counted
    for _ in range(60):
        for held in held_counts:
            start = time.perf_counter()
            services.consume(item=items[held], quantity=5)
            samples[held].append(time.perf_counter() - start)
    results: dict = {
        str(held): {
            "queries": statements[held].queries,
            "round_trips": statements[held].round_trips,
            "median_ms": median_ms(samples[held]),
        }
        for held in held_counts
    }
    results["query_count_constant"] = results["10"]["queries"] == results["10000"]["queries"]
    results["ratio_10000_vs_10"] = round(
        results["10000"]["median_ms"] / results["10"]["median_ms"], 2
    )
    results["flat_within_1_2"] = results["ratio_10000_vs_10"] <= 1.2
    return results


def bench_sequential(schema: str) -> dict:
    """1,000 consumes each way, interleaved in blocks so that load from anything else on the machine
    falls on both alike."""
    from inventory import services

    orm_item = new_item("Sequential ORM")
    raw_item = new_item("Sequential raw")
    for item in (orm_item, raw_item):
        seed_lots(item, 2 * SEQUENTIAL)
    quantity = Decimal("15")  # 10 g lots: each consume draws from one or two lots
    raw = RawFifo(schema)
    totals = {"orm": 0.0, "raw": 0.0}
    with RoundTrips() as orm_trips:
        services.consume(item=orm_item, quantity=quantity, reference=("bench", 1))
    raw.consume(raw_item.pk, quantity, ("bench", 1))

    def run(way: str, count: int) -> None:
        start = time.perf_counter()
        for _ in range(count):
            if way == "raw":
                raw.consume(raw_item.pk, quantity, ("bench", 1))
            else:
                services.consume(item=orm_item, quantity=quantity, reference=("bench", 1))
        totals[way] += time.perf_counter() - start

    block = 50
    for first in range(0, SEQUENTIAL - 1, block):
        count = min(block, SEQUENTIAL - 1 - first)
        run("orm", count)
        run("raw", count)

    for item in (orm_item, raw_item):
        item.refresh_from_db()
        assert item.on_hand == Decimal(20 * SEQUENTIAL - 15 * SEQUENTIAL), item.on_hand
    orm_seconds, raw_seconds = totals["orm"], totals["raw"]
    timed = SEQUENTIAL - 1
    return {
        "consumes": SEQUENTIAL,
        "orm_total_s": round(orm_seconds, 3),
        "raw_sql_total_s": round(raw_seconds, 3),
        "orm_per_consume_ms": round(orm_seconds / timed * 1000, 3),
        "raw_sql_per_consume_ms": round(raw_seconds / timed * 1000, 3),
        "vs_raw_sql_ratio": round(orm_seconds / raw_seconds, 2),
        "orm_round_trips": orm_trips.count,
        "raw_sql_round_trips": 8,  # BEGIN, six statements, COMMIT: psycopg2 alone
    }


class RawFifo:
    """The same FIFO consume, hand-written: psycopg2 directly, schema-qualified SQL, one transaction."""

    def __init__(self, schema: str):
        from django.db import connection

        connection.ensure_connection()
        self.conn = connection.connection
        self.schema = schema

    def consume(self, item_id: int, need: Decimal, reference: tuple[str, int]) -> None:
        import psycopg2.extensions

        s = self.schema
        conn = self.conn
        conn.autocommit = False
        try:
            # psycopg2's own cursor: nothing added to the statements.
            with conn.cursor(cursor_factory=psycopg2.extensions.cursor) as cur:
                cur.execute(
                    f'SELECT on_hand, reserved FROM "{s}".inventory_item WHERE id = %s FOR UPDATE',
                    [item_id],
                )
                _on_hand, reserved = cur.fetchone()
                cur.execute(
                    f'SELECT costing_method FROM "{s}".inventory_inventorypreferences WHERE id = 1'
                )
                cur.fetchone()
                cur.execute(
                    f"""SELECT id, quantity_remaining, unit_cost FROM (
                          SELECT id, quantity_remaining, unit_cost, received_at,
                                 SUM(quantity_remaining) OVER (ORDER BY received_at, id) AS running
                          FROM "{s}".inventory_lot
                          WHERE item_id = %s AND quantity_remaining > 0
                            AND (expires_at IS NULL OR expires_at > now())
                            AND (hold_until IS NULL OR hold_until <= now())
                        ) lots WHERE running - quantity_remaining < %s ORDER BY received_at, id""",
                    [item_id, need],
                )
                lots = cur.fetchall()
                if sum(lot[1] for lot in lots) - reserved < need:
                    raise RuntimeError("short")
                draws, left = [], need
                for lot_id, remaining, cost in lots:
                    take = min(left, remaining)
                    draws.append((lot_id, take, cost))
                    left -= take
                    if left == 0:
                        break
                operation = str(uuid.uuid4())
                rows = ", ".join(
                    ["(%s, %s, 'use', %s, %s, %s, true, %s, %s, NULL, '', %s, NULL, now())"]
                    * len(draws)
                )
                params = []
                for lot_id, take, cost in draws:
                    params += [
                        item_id,
                        lot_id,
                        -take,
                        cost,
                        -take * cost,
                        reference[0],
                        reference[1],
                        operation,
                    ]
                cur.execute(
                    f'INSERT INTO "{s}".inventory_movement (item_id, lot_id, kind, quantity, unit_cost, '
                    f"value, affects_stock, reference_type, reference_id, actor_id, note, operation_id, "
                    f"idempotency_key, created_at) VALUES {rows}",
                    params,
                )
                values = ", ".join(["(%s::bigint, %s::numeric)"] * len(draws))
                cur.execute(
                    f'UPDATE "{s}".inventory_lot AS t SET quantity_remaining = t.quantity_remaining - v.q '
                    f"FROM (VALUES {values}) AS v(id, q) WHERE t.id = v.id",
                    [x for lot_id, take, _ in draws for x in (lot_id, take)],
                )
                cur.execute(
                    f'UPDATE "{s}".inventory_item SET on_hand = on_hand - %s, '
                    f"stock_value = stock_value - %s WHERE id = %s",
                    [need, sum(take * cost for _, take, cost in draws), item_id],
                )
            conn.commit()
        except Exception:
            conn.rollback()
            raise
        finally:
            conn.autocommit = True


# --- item list --------------------------------------------------------------------------------


def seed_item_list() -> dict:
    """5,000 items with 10 lots each (half drained), one receive and one use movement per lot;
    every 7th item is under its threshold, every 3rd has a lot expiring in 5 days, every 11th an
    expired lot."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO inventory_item (name, kind, category, stock_unit, density_g_per_ml,
                shelf_life_days, low_stock_threshold, is_tracked, untracked_unit_cost, on_hand, reserved,
                stock_value, library_item_id, notes, is_archived, created_at, updated_at, purchase_unit,
                count_noun, allergens, inci_name, tags, capacity_unit, container_colour,
                container_material, container_style, container_type, allergen_content, ifra_limits)
            SELECT 'List item ' || lpad(g::text, 5, '0'),
                   (ARRAY['ingredient','packaging','container','consumable','product'])[1 + g %% 5],
                   CASE WHEN g %% 2 = 0 THEN 'Oils' ELSE 'Packaging' END, 'g', NULL, NULL,
                   CASE WHEN g %% 7 = 0 THEN 500 ELSE 0 END, true, 0, 0, 0, 0, NULL, '', false, now(),
                   now(), '', '', '{}', '', '{}', '', '', '', '', '', '{}', '{}'
            FROM generate_series(1, %s) AS g
            """,
            [LIST_ITEMS],
        )
        cursor.execute(
            """
            INSERT INTO inventory_lot (item_id, source, quantity_received, quantity_remaining, unit_cost,
                received_at, expires_at, hold_until, supplier, supplier_lot_code, reference_type,
                reference_id, note, created_at)
            SELECT i.id, 'purchase', 100, CASE WHEN n %% 2 = 0 THEN 0 ELSE 60 END, 1 + (n %% 4) * 0.25,
                   now() - make_interval(days => 60 - n),
                   CASE WHEN n = 9 AND i.id %% 3 = 0 THEN now() + interval '5 days'
                        WHEN n = 7 AND i.id %% 11 = 0 THEN now() - interval '1 day'
                        ELSE now() + interval '400 days' END,
                   NULL, 'Bench supplies', '', '', NULL, '', now()
            FROM inventory_item i CROSS JOIN generate_series(0, %s - 1) AS n
            WHERE i.category IN ('Oils', 'Packaging')
            """,
            [LOTS_PER_LIST_ITEM],
        )
        cursor.execute(
            """
            INSERT INTO inventory_movement (item_id, lot_id, kind, quantity, unit_cost, value,
                affects_stock, reference_type, reference_id, actor_id, note, operation_id,
                idempotency_key, created_at)
            SELECT item_id, id, 'receive', quantity_received, unit_cost,
                   quantity_received * unit_cost, true, '', NULL::bigint,
                   NULL::bigint, '', gen_random_uuid(), NULL, received_at FROM inventory_lot
            UNION ALL
            SELECT item_id, id, 'use', quantity_remaining - quantity_received, unit_cost,
                   (quantity_remaining - quantity_received) * unit_cost, true, 'batch',
                   1, NULL::bigint, '', gen_random_uuid(), NULL, received_at + interval '1 day'
            FROM inventory_lot
            """
        )
        cursor.execute(
            """
            UPDATE inventory_item AS i SET on_hand = s.total, stock_value = s.value
            FROM (SELECT item_id, sum(quantity_remaining) AS total,
                         sum(quantity_remaining * unit_cost) AS value
                  FROM inventory_lot GROUP BY item_id) s
            WHERE s.item_id = i.id
            """
        )
        cursor.execute("ANALYZE inventory_item; ANALYZE inventory_lot; ANALYZE inventory_movement")
        cursor.execute("SELECT count(*) FROM inventory_item")
        items = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM inventory_movement")
        movements = cursor.fetchone()[0]
    return {"items": items, "movements": movements}


def bench_item_list() -> dict:
    from django.core.paginator import Paginator

    from inventory import selectors

    sizes = seed_item_list()

    def render(**filters) -> tuple[int, int]:
        page = Paginator(selectors.item_list(**filters), PAGE_SIZE).get_page(1)
        rows = [
            (i.name, i.kind, i.on_hand, i.is_low, i.expiring_soon, i.has_expired, i.stock_value)
            for i in page
        ]
        return len(rows), page.paginator.count

    variants = {
        "all": {},
        "low_stock": {"low_stock": True},
        "expiring": {"expiring": True},
        "search_and_kind": {"search": "item 04", "kind": "product"},
    }
    results = dict(sizes, page_size=PAGE_SIZE)
    for name, filters in variants.items():
        with Statements() as statements:
            rows, total = render(**filters)
        samples = []
        for _ in range(LIST_REPEATS):
            start = time.perf_counter()
            render(**filters)
            samples.append(time.perf_counter() - start)
        results[name] = {
            "queries": statements.queries,
            "median_ms": median_ms(samples),
            "rows": rows,
            "matching": total,
        }
    results["queries"] = results["all"]["queries"]
    results["median_ms"] = results["all"]["median_ms"]
    return results


if __name__ == "__main__":
    main()
