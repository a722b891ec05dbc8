"""Write a Table as CSV or XLSX through tablib, every cell passed through reports.cells first."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import tablib

from reports.cells import csv_cell, xlsx_cell
from reports.exports.table import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def write_table(
    table: Table, fmt: str, *, zone: ZoneInfo, on_row: Callable[[int], None] | None = None
) -> bytes:
    """The file's bytes. CSV is UTF-8 with a byte-order mark (so Excel reads accents right);
    `on_row(n)` is called after each row is converted (progress)."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"Unknown table format {fmt!r}")
    convert = csv_cell if fmt == "csv" else xlsx_cell
    data = tablib.Dataset(headers=list(table.headers), title=table.title)
    for number, row in enumerate(table.rows, start=1):
        data.append([convert(value, zone) for value in row])
        if on_row is not None:
            on_row(number)
    if fmt == "csv":
        return data.export("csv").encode("utf-8-sig")
    return data.export("xlsx")
