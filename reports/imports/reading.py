"""Reading an import file without trusting it.

In order, each step refusing the whole file with one plain message (ImportRefused):
1. the name ends in .csv or .xlsx;
2. the size is at most MAX_BYTES, known before a byte is read;
3. an XLSX is a real zip whose unpacked parts stay under MAX_UNPACKED_BYTES (a zip bomb is refused
   before any XML is parsed; openpyxl then parses with defusedxml, which fpdf2 installs);
4. the first row names the columns: unknown, repeated and missing required columns are all named;
5. rows are streamed (csv reader over the upload, openpyxl in read-only mode) and counting stops at
   the first row over MAX_ROWS, so a 100,000-row file is refused after reading 10,001 rows.

Cells are returned as they are: text stays text (a cell holding "=1+2", or an XLSX formula, comes
back as that text and is never evaluated), numbers as int/float, dates as datetime.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from openpyxl.utils import get_column_letter

from reports.errors import ImportRefused

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_COLUMNS = 60
EXTENSIONS = (".csv", ".xlsx")

# Column key -> the header a maker writes. Order is the template's order.
COLUMNS: dict[str, str] = {
    "name": "name",
    "kind": "kind",
    "stock_unit": "stock unit",
    "density": "density",
    "shelf_life_days": "shelf life days",
    "low_stock_threshold": "low-stock threshold",
    "opening_quantity": "opening quantity",
    "unit": "unit",
    "unit_cost": "unit cost",
    "supplier": "supplier",
    "lot_code": "lot code",
    "expires_on": "expires on",
}
REQUIRED = ("name", "kind", "stock_unit")


def _header_key(text: str) -> str:
    """ "Low-stock threshold", "low_stock_threshold", "Density (g/ml)" -> comparable keys."""
    text = re.sub(r"\(.*?\)", " ", str(text)).lower()
    return " ".join(re.sub(r"[_\-]+", " ", text).split())


_HEADERS = {_header_key(label): key for key, label in COLUMNS.items()}
_HEADERS.update({"shelf life": "shelf_life_days", "low stock": "low_stock_threshold"})
_HEADERS.update({"expires": "expires_on", "expiry": "expires_on", "expiry date": "expires_on"})
_HEADERS.update({"supplier lot code": "lot_code", "cost": "unit_cost"})


@dataclass
class ParsedFile:
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


def extension_of(name: str) -> str:
    lower = (name or "").lower()
    return next((ext for ext in EXTENSIONS if lower.endswith(ext)), "")


def check_upload(name: str, size: int) -> str:
    """The file's extension, once its name and size are acceptable; raises ImportRefused."""
    ext = extension_of(name)
    if not ext:
        raise ImportRefused(
            "Upload a .csv or .xlsx file. Other files (.xls, .numbers, .ods, .txt...) need to be "
            "saved as CSV or Excel workbook (.xlsx) first.",
            field="file",
        )
    if size > MAX_BYTES:
        raise ImportRefused(
            f"The file is {size / 1024 / 1024:.1f} MB; an import can be at most "
            f"{MAX_BYTES // 1024 // 1024} MB. Split it into smaller files.",
            field="file",
        )
    if size == 0:
        raise ImportRefused("The file is empty.", field="file")
    return ext


def read_rows(handle: IO[bytes], ext: str) -> ParsedFile:
    """Every non-empty data row as (spreadsheet row number, {column key: raw value})."""
    # Django's File wrappers hide the real file object the io and zip modules want.
    while not isinstance(handle, io.IOBase) and hasattr(handle, "file"):
        handle = handle.file
    handle.seek(0)
    return _read_csv(handle) if ext == ".csv" else _read_xlsx(handle)


def _too_many() -> ImportRefused:
    return ImportRefused(
        f"The file has more than {MAX_ROWS:,} rows; an import can have at most {MAX_ROWS:,}. Split "
        f"it into files of at most {MAX_ROWS:,} items.",
        field="file",
    )


def _columns(header: list[object]) -> list[str | None]:
    """The key of each header cell (None for a blank header over an empty column)."""
    problems: list[str] = []
    keys: list[str | None] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(header):
        letter = get_column_letter(index + 1)
        text = "" if cell is None else str(cell).strip()
        if not text:
            keys.append(None)
            continue
        key = _HEADERS.get(_header_key(text))
        if key is None:
            problems.append(f"Column {letter} '{text[:40]}' isn't a column we know.")
        elif key in seen:
            problems.append(
                f"The '{COLUMNS[key]}' column appears twice (columns {seen[key]} and {letter})."
            )
        else:
            seen[key] = letter
        keys.append(key)
    missing = [COLUMNS[key] for key in REQUIRED if key not in seen]
    if missing:
        problems.append(
            "The file has no " + ", no ".join(f"'{name}'" for name in missing) + " column."
        )
    if problems:
        known = ", ".join(COLUMNS.values())
        raise ImportRefused(
            " ".join(problems) + f" The columns are: {known} (the first three are required).",
            field="file",
            problems=problems,
        )
    return keys


def _row(keys: list[str | None], cells, number: int) -> tuple[int, dict[str, object]] | None:
    values: dict[str, object] = {}
    for index, cell in enumerate(cells):
        if isinstance(cell, str):
            cell = cell.strip()
        if cell is None or cell == "":
            continue
        key = keys[index] if index < len(keys) else None
        if key is None:
            raise ImportRefused(
                f"Row {number} has a value in column {get_column_letter(index + 1)}, which has no "
                "name in the first row. Name the column or clear it.",
                field="file",
            )
        values[key] = cell
    return (number, values) if values else None


def _read_csv(handle: IO[bytes]) -> ParsedFile:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
    try:
        first = text.readline()
        delimiter = max((",", ";", "\t"), key=first.count)
        reader = csv.reader(io.StringIO(first), delimiter=delimiter)
        header = next(reader, [])
        if len(header) > MAX_COLUMNS:
            raise ImportRefused(f"The file has more than {MAX_COLUMNS} columns.", field="file")
        keys = _columns(header) if any(h.strip() for h in header) else []
        if not keys:
            raise _empty()
        parsed = ParsedFile(columns=[k for k in keys if k])
        for offset, cells in enumerate(csv.reader(text, delimiter=delimiter)):
            row = _row(keys, cells, offset + 2)
            if row is None:
                continue
            if len(parsed.rows) >= MAX_ROWS:
                raise _too_many()
            parsed.rows.append(row)
    except UnicodeDecodeError:
        raise ImportRefused(
            "The file isn't UTF-8 text. In your spreadsheet choose Save as, then 'CSV UTF-8', or "
            "upload it as an Excel workbook (.xlsx).",
            field="file",
        )
    except csv.Error as exc:
        raise ImportRefused(f"The file isn't readable CSV ({exc}).", field="file")
    finally:
        text.detach()  # leave the upload open for whoever owns it
    return _with_rows(parsed)


def _empty() -> ImportRefused:
    return ImportRefused(
        "The first row must name the columns: " + ", ".join(COLUMNS.values()) + ".", field="file"
    )


def _with_rows(parsed: ParsedFile) -> ParsedFile:
    if not parsed.rows:
        raise ImportRefused("The file names its columns but has no items below them.", field="file")
    return parsed


def _read_xlsx(handle: IO[bytes]) -> ParsedFile:
    from openpyxl import load_workbook

    not_workbook = ImportRefused(
        "The file isn't an Excel workbook (.xlsx). Save it as .xlsx or CSV and try again.",
        field="file",
    )
    try:
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_workbook
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefused(
            "The workbook unpacks to far more data than an item list holds. Save the item list "
            "alone as a new .xlsx or CSV file and try again.",
            field="file",
        )
    handle.seek(0)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=False)
    except Exception:
        raise not_workbook
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        header = list(next(rows, ()) or ())
        while header and header[-1] is None:
            header.pop()
        if not any(cell not in (None, "") for cell in header):
            raise _empty()
        keys = _columns(header)
        parsed = ParsedFile(columns=[k for k in keys if k])
        for offset, cells in enumerate(rows):
            row = _row(keys, [_plain(c) for c in cells], offset + 2)
            if row is None:
                continue
            if len(parsed.rows) >= MAX_ROWS:
                raise _too_many()
            parsed.rows.append(row)
    finally:
        workbook.close()
    return _with_rows(parsed)


def _plain(cell: object) -> object:
    """Formulas (and anything exotic) as their text: never evaluated."""
    if cell is None or isinstance(cell, (str, int, float, bool)):
        return cell
    from datetime import date, datetime, time

    if isinstance(cell, (datetime, date)):
        return cell
    if isinstance(cell, time):
        return cell.isoformat()
    return str(getattr(cell, "text", cell))
