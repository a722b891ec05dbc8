"""The dry run: every row checked, a plain message per problem, and whole files refused when they
can't be an item list. Nothing is created by a preview."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inventory.models import Item, Lot, Movement
from inventory.services import create_custom_unit
from reports.errors import ImportRefused
from reports.imports.reading import MAX_BYTES
from reports.models import ImportJob
from reports.services import preview_import
from tests.inventory.factories import ItemFactory
from tests.reports.import_files import csv_bytes, csv_upload, xlsx_upload

GOOD = [
    "Olive oil",
    "ingredient",
    "g",
    "0.91",
    "730",
    "500",
    "2",
    "l",
    "9.80",
    "Oleo",
    "OL-1",
    "2099-03-31",
]


def _preview(organization, upload) -> ImportJob:
    return preview_import(
        organization=organization, upload=upload, requested_by_id=None, zone_name="UTC"
    )


def _nothing_created():
    assert (Item.objects.count(), Lot.objects.count(), Movement.objects.count()) == (0, 0, 0)


def test_clean_file_is_ready_and_creates_nothing(acme):
    job = _preview(
        acme, csv_upload([GOOD, ["Tin", "container", "each", "", "", "", "", "", "", "", "", ""]])
    )
    assert (job.status, job.row_count, job.error_count, job.error_message) == ("ready", 2, 0, "")
    assert job.report == [
        {
            "row": 2,
            "name": "Olive oil",
            "errors": [],
            "summary": "ingredient, kept in g; opening stock 2 l at 9.8 per l, lot OL-1, "
            "expires 2099-03-31",
        },
        {"row": 3, "name": "Tin", "errors": [], "summary": "container, kept in each"},
    ]
    assert job.file.name.startswith("imports/") and job.file.name.endswith(".csv")
    assert job.original_name == "items.csv"
    _nothing_created()


def test_every_bad_row_gets_its_own_plain_message(acme):
    ItemFactory(name="Shea butter")
    create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    rows = [
        GOOD,
        ["Lavender oil", "ingredient", "litrez", "", "", "", "", "", "", "", "", ""],
        ["Beeswax", "wax", "g", "", "", "", "", "", "", "", "", ""],
        ["Coconut oil", "ingredient", "g", "", "", "", "1,5", "kg", "abc", "", "", ""],
        ["Castor oil", "ingredient", "g", "", "", "", "100", "ml", "0.02", "", "", ""],
        ["olive OIL", "ingredient", "g", "", "", "", "", "", "", "", "", ""],
        ["shea butter", "ingredient", "g", "", "", "", "", "", "", "", "", ""],
        ["", "ingredient", "g", "", "", "", "", "", "", "", "", ""],
        ["Soap", "product", "each", "", "", "", "", "", "", "", "", ""],
        ["Clay", "ingredient", "g", "-1", "thirty", "", "", "", "", "Acme", "", ""],
        ["Mica", "ingredient", "g", "", "", "", "10", "pinch", "1", "", "", "2001-01-01"],
        ["Salt", "ingredient", "ml", "", "", "", "3", "scoop", "", "", "", "31/12/2099"],
        ["Sugar", "ingredient", "g", "", "", "", "5", "each", "1", "", "", ""],
    ]
    job = _preview(acme, csv_upload(rows))
    assert job.status == "invalid"
    assert (job.row_count, job.error_count) == (13, 12)
    messages = {entry["row"]: entry["errors"] for entry in job.report}
    units_list = "g, kg, mg, oz, lb, ml, l, tsp, tbsp, fl oz, cup, pt, qt, gal, each"
    kinds = "ingredient, packaging, container, consumable, product, intermediate"
    importable = "ingredient, packaging, container, consumable, intermediate"
    assert messages == {
        2: [],
        3: [f"Row 3: 'litrez' can't be a stock unit. Keep stock in one of {units_list}."],
        4: [f"Row 4: choose what the item is: {kinds}."],
        # receive stops at its first problem: the unit cost 'abc' shows once this is fixed.
        5: ["Row 5: enter the quantity as a number, for example 250 or 12.5."],
        6: [
            "Row 6: Castor oil has no density, so ml can't be turned into g. Add its density "
            "(g/ml) on the item page."
        ],
        7: ["Row 7: 'olive OIL' is already on row 2 of this file; list each item once."],
        8: [
            "Row 8: you already have an item called shea butter. Use that one, or give this one "
            "another name."
        ],
        9: ["Row 9: give the item a name."],
        10: [
            "Row 10: products are created on the Products page, each with its SKU, not imported; "
            f"use {importable}."
        ],
        11: [
            "Row 11: there is no opening quantity, so the supplier can't be used; add the "
            "quantity or clear them.",
            "Row 11: the density must be more than zero; -1 was given.",
            "Row 11: shelf life is a whole number of days from 1 to 36500, or empty.",
        ],
        12: ["Row 12: the expiry date must be after the date the stock was received."],
        13: [
            "Row 13: the expiry date '31/12/2099' isn't a date; write it as year-month-day, for "
            "example 2027-03-31.",
            "Row 13: enter what the stock cost, either per unit or in total (0 if it cost nothing).",
        ],
        14: [
            "Row 14: Sugar is kept in g (weight), so an amount in each (count) can't be turned "
            "into it. Enter it in a weight unit, or add a custom unit that says what one each is "
            "in g."
        ],
    }
    assert Item.objects.count() == 1 and Movement.objects.count() == 0


def test_custom_units_and_conversions_are_accepted(acme):
    create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    rows = [["Salt", "ingredient", "ml", "", "", "", "3", "scoop", "0.5", "", "", ""]]
    job = _preview(acme, csv_upload(rows))
    assert job.status == "ready", job.report


def test_xlsx_with_numbers_dates_and_formulas(acme):
    rows = [
        [
            '=HYPERLINK("http://evil.test")',
            "ingredient",
            "g",
            0.91,
            30,
            250,
            1.5,
            "kg",
            12.4,
            "@Oleo",
            "+7",
            datetime(2099, 1, 31),
        ],
        ["Tin", "container", "each", None, None, None, 10, None, 0, None, None, date(2099, 5, 1)],
        ["Wick", "consumable", "each", None, None, None, "=1+2", None, "=A1", None, None, None],
    ]
    job = _preview(acme, xlsx_upload(rows))
    entries = {e["row"]: e for e in job.report}
    assert entries[2]["errors"] == [] and entries[2]["name"] == '=HYPERLINK("http://evil.test")'
    assert entries[2]["summary"] == (
        "ingredient, kept in g; opening stock 1.5 kg at 12.4 per kg, lot +7, expires 2099-01-31"
    )
    assert entries[3]["errors"] == []
    assert entries[4]["errors"] == [
        "Row 4: enter the quantity as a number, for example 250 or 12.5."
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            ["name", "colour", "stock unit", "kind", "name"],
            "Column B 'colour' isn't a column we know. The 'name' column appears twice (columns A "
            "and E).",
        ),
        (["Name", "Stock_Unit"], "The file has no 'kind' column."),
        (
            ["title", "type"],
            "Column A 'title' isn't a column we know. Column B 'type' isn't a "
            "column we know. The file has no 'name', no 'kind', no 'stock unit' column.",
        ),
    ],
)
def test_wrong_or_missing_columns_are_named(acme, header, message):
    upload = csv_upload([["x"] * len(header)], header=header)
    with pytest.raises(ImportRefused) as refused:
        _preview(acme, upload)
    assert refused.value.message.startswith(message)
    assert refused.value.message.endswith(
        "The columns are: name, kind, stock unit, density, shelf life days, low-stock threshold, "
        "opening quantity, unit, unit cost, supplier, lot code, expires on (the first three are "
        "required)."
    )
    assert ImportJob.objects.count() == 0
    _nothing_created()


def test_headers_are_matched_loosely(acme):
    header = ["Name", "KIND", "Stock_Unit", "Density (g/ml)", "Low stock threshold"]
    job = _preview(acme, csv_upload([["Wax", "ingredient", "g", "0.96", "100"]], header=header))
    assert job.status == "ready"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("items.xls", b"whatever", "Upload a .csv or .xlsx file."),
        ("items.csv", b"", "The file is empty."),
        ("items.xlsx", b"not a zip", "The file isn't an Excel workbook (.xlsx)."),
        (
            "items.csv",
            "name,kind,stock unit\nCrème,ingredient,g\n".encode("cp1252"),
            "The file isn't UTF-8 text.",
        ),
        (
            "items.csv",
            b"name,kind,stock unit\n",
            "The file names its columns but has no items below them.",
        ),
        ("items.csv", b"\n\n", "The first row must name the columns"),
        (
            "items.csv",
            b"name,kind,stock unit\nWax,ingredient,g,surprise\n",
            "Row 2 has a value in column D, which has no name in the first row.",
        ),
    ],
)
def test_unusable_files_are_refused_whole(acme, name, content, message):
    with pytest.raises(ImportRefused) as refused:
        _preview(acme, SimpleUploadedFile(name, content))
    assert refused.value.message.startswith(message)
    assert ImportJob.objects.count() == 0


def test_oversize_file_is_refused_before_reading(acme):
    class Huge(SimpleUploadedFile):
        def read(self, *args):  # pragma: no cover - reading would be the bug
            raise AssertionError("an oversize file must not be read")

    upload = Huge("items.csv", b"name,kind,stock unit\n")
    upload.size = MAX_BYTES + 1
    with pytest.raises(ImportRefused) as refused:
        _preview(acme, upload)
    assert refused.value.message == (
        "The file is 5.0 MB; an import can be at most 5 MB. Split it into smaller files."
    )


TOO_MANY = (
    "The file has more than 10,000 rows; an import can have at most 10,000. Split it into files of "
    "at most 10,000 items."
)


def test_a_100000_row_csv_is_refused_without_reading_past_row_10001(acme):
    rows = [[f"Item {n}", "ingredient", "g"] for n in range(100_000)]
    content = csv_bytes(rows, ["name", "kind", "stock unit"]) + b"Poison \xff,ingredient,g\n"
    upload = SimpleUploadedFile("items.csv", content, content_type="text/csv")
    assert upload.size < MAX_BYTES
    # Reading the whole file would meet the byte that isn't UTF-8 and refuse it for that instead.
    with pytest.raises(ImportRefused) as refused:
        _preview(acme, upload)
    assert refused.value.message == TOO_MANY
    assert ImportJob.objects.count() == 0


def test_a_workbook_twice_the_row_limit_is_refused(acme):
    # The CSV test above proves the reader stops at the limit; writing 100,000 rows with openpyxl
    # would cost the suite seconds for nothing more.
    rows = [[f"Item {n}", "ingredient", "g"] for n in range(20_000)]
    upload = xlsx_upload(rows, header=["name", "kind", "stock unit"])
    assert upload.size < MAX_BYTES
    with pytest.raises(ImportRefused) as refused:
        _preview(acme, upload)
    assert refused.value.message == TOO_MANY
    assert ImportJob.objects.count() == 0


def test_exactly_the_row_limit_is_fine(acme):
    rows = [[f"Item {n}", "ingredient", "g"] for n in range(10_000)]
    job = _preview(acme, csv_upload(rows, header=["name", "kind", "stock unit"]))
    # The free tier allows 50 items; Pro 5,000: the file is checked against the tier's limit.
    assert job.status == "invalid" and job.error_count == 0
    assert job.error_message == (
        "This file has 10000 items. Your Pro plan allows 5000 inventory items. Upgrade to Team "
        "for unlimited inventory items on the Billing page."
    )


def test_semicolon_separated_csv_is_read(acme):
    content = b"name;kind;stock unit;opening quantity;unit cost\nWax;ingredient;g;250;0.02\n"
    job = _preview(acme, SimpleUploadedFile("wax.csv", content))
    assert job.status == "ready"
    assert job.report[0]["summary"] == "ingredient, kept in g; opening stock 250 g at 0.02 per g"


def test_zero_opening_quantity_is_refused(acme):
    job = _preview(acme, csv_upload([[*GOOD[:6], "0", "g", "1", "", "", ""]]))
    assert job.report[0]["errors"] == ["Row 2: the quantity must be more than zero; 0 was given."]


def test_numbers_that_round_to_zero_where_they_are_kept_are_refused_like_zero(acme):
    row = ["Olive oil", "ingredient", "g", "0.0000001", "", "0.0000001", "0.00000049", "g"]
    job = _preview(acme, csv_upload([[*row, "0.0000001", "", "", ""]]))
    assert job.status == "invalid"
    assert job.report[0]["errors"] == [
        "Row 2: the density must be more than zero at the precision we keep: 0.000001.",
        "Row 2: the low-stock threshold must be 0, or more than zero at the precision we keep: "
        "0.000001.",
    ]
    _nothing_created()


@pytest.mark.parametrize(
    ("quantity", "cost", "message"),
    [
        (
            "0.00000049",
            "1",
            "Row 2: the quantity must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            "1",
            "0.0000001",
            "Row 2: the cost must be 0, or more than zero at the precision we keep: 0.000001.",
        ),
    ],
)
def test_opening_amounts_that_round_to_zero_are_refused_like_zero(acme, quantity, cost, message):
    job = _preview(
        acme, csv_upload([["Olive oil", "ingredient", "g", "", "", "", quantity, "g", cost]])
    )
    assert job.report[0]["errors"] == [message]
    _nothing_created()


def test_the_dry_run_refuses_what_the_services_refuse(acme):
    """1 g at a trillion per g is a quadrillion per kg: receive refuses to record it, so the dry
    run does too (the copy of the rules it used to keep let it through, and the import failed)."""
    row = ["Gold leaf", "ingredient", "kg", "", "", "", "1", "g", "1000000000000"]
    job = _preview(acme, csv_upload([row, ["Tin", "container", "each"]]))
    assert (job.status, job.error_count) == ("invalid", 1)
    assert job.report[0]["errors"] == [
        "Row 2: that is 1,000,000,000,000,000 per kg of Gold leaf, more than BatchTrack can "
        "record. Check the cost and its unit."
    ]
    assert job.report[1] == {
        "row": 3,
        "name": "Tin",
        "errors": [],
        "summary": "container, kept in each",
    }
    _nothing_created()


def test_a_workspace_at_its_item_limit_gets_one_message_not_one_per_row(acme):
    from billing.policy import effective_tier
    from tests.reports.conftest import on_tier

    limit = effective_tier(on_tier(acme, "free")).limit("items")
    for n in range(limit):
        ItemFactory(name=f"Existing {n}")
    job = _preview(acme, csv_upload([["Wax", "ingredient", "g"], ["Tin", "container", "each"]]))
    assert (job.status, job.error_count) == ("invalid", 0)
    assert job.error_message.startswith("This file has 2 items. ")
    assert [entry["errors"] for entry in job.report] == [[], []]
    assert Item.objects.count() == limit
