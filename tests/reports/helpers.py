"""Helpers for the reports tests: a small production world, running export jobs, reading files back."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from batches.services import OutputInput, finish_batch, plan_batch, start_batch
from inventory.models import Item
from inventory.services import adjust
from products.services import create_product, create_sku, deduct
from reports.models import ExportJob
from reports.services import request_export, run_export
from sales.services import record_sale
from tests.recipes.factories import make_item, make_recipe, stock


def production_world(actor_id: int | None = None) -> dict:
    """Oil and lye lots -> a soap base batch -> a bar batch -> sales; plus a hostile item name and
    an item without stock. Call inside a workspace schema."""
    oil = make_item("Olive oil", density_g_per_ml=Decimal("0.91"))
    lye = make_item("Lye")
    base = make_item("Soap base", kind=Item.Kind.INTERMEDIATE)
    hostile = make_item('=HYPERLINK("http://evil.test","click")')
    make_item("Empty jar", unit="each", kind=Item.Kind.CONTAINER)
    sku = create_sku(product=create_product(name="Bar soap"), price="8")
    oil_a = stock(oil, "1000", "0.012345", supplier="Oleo", supplier_lot_code="OL-A", days_ago=2)
    oil_b = stock(oil, "1000", "0.0125", supplier="Oleo", supplier_lot_code="OL-B", days_ago=1)
    lye_lot = stock(lye, "500", "0.02", supplier="ChemCo", supplier_lot_code="=NAOH-1")
    stock(hostile, "3", "1.5", supplier="@evil", supplier_lot_code="+1")
    base_recipe = make_recipe(
        "Soap base", [(oil, "800", "g"), (lye, "100", "g")], yield_quantity="900", yield_unit="g"
    )
    bar_recipe = make_recipe("Bars", [(base, "900", "g")], yield_quantity="8", yield_unit="each")
    base_batch = start_batch(batch=plan_batch(version=base_recipe.current_version))
    finish_batch(batch=base_batch, actual_yield="900", outputs=[OutputInput(base.pk, "900")])
    bar_batch = start_batch(batch=plan_batch(version=bar_recipe.current_version))
    finish_batch(batch=bar_batch, actual_yield="8", outputs=[OutputInput(sku.item_id, "8")])
    record_sale(sku=sku, quantity="3", unit_price="8")
    deduct(sku=sku, kind="tester", quantity="1")
    adjust(item=lye, kind="spoil", quantity="25", actor_id=actor_id, note="-spilled")
    return {
        "oil": oil,
        "lye": lye,
        "base": base,
        "sku": sku,
        "hostile": hostile,
        "oil_a": oil_a,
        "oil_b": oil_b,
        "lye_lot": lye_lot,
        "base_batch": base_batch,
        "bar_batch": bar_batch,
    }


def export_now(kind: str, fmt: str, params: dict | None = None, **extra) -> ExportJob:
    """Request an export and run its task body at once (the outbox sends after commit, which a
    test's transaction never reaches)."""
    job = request_export(
        kind=kind,
        fmt=fmt,
        params=params or {},
        requested_by_id=extra.get("requested_by_id"),
        zone_name=extra.get("zone_name", "UTC"),
    )
    run_export(job_id=job.pk)
    job.refresh_from_db()
    return job


def read_back(job: ExportJob) -> list[list]:
    """The job's file as rows of cells: strings for CSV, openpyxl values for XLSX."""
    with job.file.open("rb") as handle:
        content = handle.read()
    if job.format == "csv":
        assert content.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def as_decimal(cell) -> Decimal | None:
    """A numeric cell (CSV text, XLSX int/float/str) as the Decimal it was written from."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, float):
        return Decimal(repr(cell))
    return Decimal(str(cell))


def records(rows: list[list]) -> list[dict]:
    headers = rows[0]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]
