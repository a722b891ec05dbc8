"""Each export, read back from its CSV and XLSX file, says exactly what the database holds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from batches.models import BatchDraw
from inventory.models import Item, Lot, Movement
from reports.models import JobStatus
from tests.conftest import make_member
from tests.reports.helpers import as_decimal, export_now, production_world, read_back, records

FORMATS = ["csv", "xlsx"]


@pytest.fixture
def world(acme):
    owner = make_member(acme, "owner", email="owner@acme.test")
    return {**production_world(actor_id=owner.pk), "owner": owner}


def _text(cell) -> str:
    return "" if cell is None else str(cell)


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_export_lists_every_open_lot_with_exact_values(world, fmt):
    job = export_now("items", fmt)
    assert job.status == JobStatus.DONE
    rows = records(read_back(job))
    expected = []
    for item in Item.objects.filter(is_archived=False).order_by("name", "id"):
        lots = list(
            Lot.objects.filter(item=item, quantity_remaining__gt=0).order_by("received_at", "id")
        )
        value = sum((lot.quantity_remaining * lot.unit_cost for lot in lots), Decimal(0))
        for lot in lots or [None]:
            expected.append(
                (
                    item.name,
                    item.on_hand,
                    value,
                    lot.code if lot else "",
                    lot.quantity_remaining if lot else None,
                    lot.unit_cost if lot else None,
                    lot.quantity_remaining * lot.unit_cost if lot else None,
                )
            )
    got = [
        (
            _text(r["Item"]).removeprefix("'")
            if r["Item"] and str(r["Item"]).startswith("'=")
            else _text(r["Item"]),
            as_decimal(r["Item on hand"]),
            as_decimal(r["Item stock value"]),
            _text(r["Lot"]),
            as_decimal(r["Lot remaining"]),
            as_decimal(r["Lot unit cost"]),
            as_decimal(r["Lot value"]),
        )
        for r in rows
    ]
    assert got == expected
    assert job.row_count == len(expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_export_known_values(world, fmt):
    rows = records(read_back(export_now("items", fmt)))
    oil = [r for r in rows if r["Item"] == "Olive oil"]
    # The base batch drew 800 g from lot A (FIFO), so A has 200 g left and B all 1000 g.
    assert [
        (r["Lot"], as_decimal(r["Lot remaining"]), as_decimal(r["Lot value"])) for r in oil
    ] == [
        (world["oil_a"].code, Decimal("200"), Decimal("2.469")),
        (world["oil_b"].code, Decimal("1000"), Decimal("12.5")),
    ]
    assert as_decimal(oil[0]["Item stock value"]) == Decimal("14.969")
    assert as_decimal(oil[0]["Item average unit cost"]) == Decimal("0.012474")
    assert as_decimal(oil[0]["Density (g/ml)"]) == Decimal("0.91")
    (jar,) = [r for r in rows if r["Item"] == "Empty jar"]
    assert _text(jar["Lot"]) == "" and as_decimal(jar["Item on hand"]) == Decimal("0")
    if fmt == "xlsx":  # numbers are numeric cells, not text
        assert isinstance(oil[0]["Lot remaining"], int)
        assert isinstance(oil[0]["Lot unit cost"], float)


@pytest.mark.parametrize("fmt", FORMATS)
def test_formula_injection_is_neutralised(world, fmt):
    rows = read_back(export_now("items", fmt))
    cells = [_text(cell) for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.test","click")' in cells
    assert "'@evil" in cells and "'+1" in cells and "'=NAOH-1" in cells
    dangerous = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert dangerous == []
    ledger = records(read_back(export_now("ledger", fmt, _today())))
    assert "'-spilled" in [_text(r["Note"]) for r in ledger]


def _today() -> dict:
    today = timezone.localdate()
    return {"start": (today - timedelta(days=3)).isoformat(), "end": today.isoformat()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_ledger_export_matches_every_movement(world, fmt):
    rows = records(read_back(export_now("ledger", fmt, _today())))
    movements = list(Movement.objects.select_related("item", "lot").order_by("created_at", "id"))
    assert len(rows) == len(movements) > 10
    for row, movement in zip(rows, movements, strict=True):
        assert int(row["Movement"]) == movement.pk
        assert _text(row["Item"]).lstrip("'") == movement.item.name
        assert row["Kind"] == movement.get_kind_display()
        assert as_decimal(row["Quantity"]) == movement.quantity
        assert as_decimal(row["Unit cost"]) == movement.unit_cost
        assert as_decimal(row["Value"]) == movement.quantity * movement.unit_cost
        assert _text(row["Lot"]) == (movement.lot.code if movement.lot else "")
    spoil = [r for r in rows if r["Kind"] == "Spoiled"]
    assert [(as_decimal(r["Quantity"]), r["By"]) for r in spoil] == [
        (Decimal("-25"), "owner@acme.test")
    ]


def test_ledger_export_keeps_to_its_period(world):
    today = timezone.localdate()
    before = {
        "start": (today - timedelta(days=9)).isoformat(),
        "end": (today - timedelta(days=1)).isoformat(),
    }
    after = {
        "start": (today + timedelta(days=1)).isoformat(),
        "end": (today + timedelta(days=2)).isoformat(),
    }
    assert read_back(export_now("ledger", "csv", before))[1:] == []
    assert read_back(export_now("ledger", "csv", after))[1:] == []
    rows = records(
        read_back(
            export_now("ledger", "csv", {"start": today.isoformat(), "end": today.isoformat()})
        )
    )
    assert [int(r["Movement"]) for r in rows] == list(
        Movement.objects.order_by("created_at", "id").values_list("pk", flat=True)
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_batches_export_lists_each_draw_and_cost(world, fmt):
    rows = records(read_back(export_now("batches", fmt, _today())))
    draws = list(
        BatchDraw.objects.select_related("batch", "line__item", "lot").order_by(
            "batch__planned_at", "batch_id", "line__position", "id"
        )
    )
    got = [
        (
            r["Batch"],
            _text(r["Item"]),
            _text(r["Lot"]),
            as_decimal(r["Drawn"]),
            as_decimal(r["Drawn cost"]),
        )
        for r in rows
    ]
    assert got == [
        (d.batch.code, d.line.item.name, d.lot.code, d.quantity, d.quantity * d.unit_cost)
        for d in draws
    ]
    base = [r for r in rows if r["Batch"] == world["base_batch"].code]
    assert sum(as_decimal(r["Drawn cost"]) for r in base) == as_decimal(base[0]["Batch cost"])
    # 800 g of oil at 0.012345 + 100 g of lye at 0.02
    assert as_decimal(base[0]["Batch cost"]) == Decimal("11.876")
    assert as_decimal(base[0]["Cost per yield unit"]) == Decimal("0.013196")


@pytest.mark.parametrize("fmt", FORMATS)
def test_recall_export_follows_the_lot_to_product_lots_and_what_remains(world, fmt):
    job = export_now("recall", fmt, {"lot_id": world["oil_a"].pk})
    rows = records(read_back(job))
    assert [(r["Batch"], r["How"], _text(r["Lot made"])) for r in rows] == [
        (world["base_batch"].code, "direct", world["base_batch"].outputs.get().lot.code),
        (
            world["bar_batch"].code,
            "through an intermediate (1 step(s))",
            world["bar_batch"].outputs.get().lot.code,
        ),
    ]
    bars = rows[1]
    assert bars["Item made"] == world["sku"].item.name
    assert [as_decimal(bars[c]) for c in ("Made", "Remaining", "Sold", "Other out")] == [
        Decimal("8"),
        Decimal("4"),
        Decimal("3"),
        Decimal("1"),
    ]
    assert as_decimal(rows[0]["Quantity used"]) == Decimal("800")
