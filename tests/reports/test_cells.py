"""Exported cells: formula triggers neutralised in text, numbers kept exact and numeric."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from reports.cells import csv_cell, neutralise, xlsx_cell

ZONE = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tcalc", "'\tcalc"),
        ("\rcalc", "'\rcalc"),
        ("Olive oil", "Olive oil"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_text_cells_are_neutralised_in_both_formats():
    assert csv_cell('=HYPERLINK("http://x")', ZONE) == '\'=HYPERLINK("http://x")'
    assert xlsx_cell('=HYPERLINK("http://x")', ZONE) == '\'=HYPERLINK("http://x")'


def test_negative_numbers_stay_numbers():
    assert csv_cell(Decimal("-5.000000"), ZONE) == "-5"
    assert xlsx_cell(Decimal("-5.000000"), ZONE) == -5
    assert xlsx_cell(Decimal("-0.250000"), ZONE) == Decimal("-0.25")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("12.500000"), "12.5"),
        (Decimal("1E+2"), "100"),
        (Decimal("0.000001"), "0.000001"),
        (Decimal("-0.000000"), "0"),
        (Decimal("123456789.123456789012"), "123456789.123456789012"),
    ],
)
def test_csv_decimals_are_exact_without_exponent(value, text):
    assert csv_cell(value, ZONE) == text


def test_xlsx_keeps_beyond_double_precision_as_exact_text():
    assert xlsx_cell(Decimal("123456789.123456789012"), ZONE) == "123456789.123456789012"
    assert xlsx_cell(Decimal("123456789.123456"), ZONE) == Decimal("123456789.123456")


def test_times_are_local_to_the_workspace():
    moment = datetime(2026, 7, 1, 10, 30, tzinfo=UTC)
    assert csv_cell(moment, ZONE) == "2026-07-01 12:30:00"
    assert xlsx_cell(moment, ZONE) == datetime(2026, 7, 1, 12, 30)


def test_xlsx_drops_control_characters_it_cannot_hold():
    assert xlsx_cell("bad\x07bell", ZONE) == "badbell"
    assert csv_cell(None, ZONE) == "" and xlsx_cell(None, ZONE) is None
    assert csv_cell(True, ZONE) == "yes"
