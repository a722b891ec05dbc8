"""Money with "$" and 2 decimals (sub-cent unit costs kept to 4), quantities without trailing zeros."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory.templatetags.inventory_format import money, qty, signed_qty, unit_money

D = Decimal


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("1234.5"), "$1,234.50"),
        (D("13.519999"), "$13.52"),
        (D("0.005"), "$0.01"),
        (D("0"), "$0.00"),
        (D("-5"), "-$5.00"),
        ("12", "$12.00"),
        (None, "—"),
        ("not money", "—"),
    ],
)
def test_money(value, shown):
    assert money(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("10.000000"), "$10.00"),
        (D("0.020000"), "$0.02"),
        (D("0.015000"), "$0.0150"),
        (D("0.001000"), "$0.0010"),
        (D("0.012345"), "$0.0123"),
        (D("0.000040"), "$0.000040"),
        (D("-0.5"), "-$0.50"),
        (D("1.3220339"), "$1.32"),
        (None, "—"),
    ],
)
def test_unit_money(value, shown):
    assert unit_money(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("0.500000"), "0.5"),
        (D("1250.000000"), "1,250"),
        (D("100"), "100"),
        (D("0.000001"), "0.000001"),
        (D("0"), "0"),
        (None, "—"),
    ],
)
def test_qty(value, shown):
    assert qty(value) == shown


def test_signed_qty():
    assert [signed_qty(D(v)) for v in ("500.000000", "-90.000000")] == ["+500", "-90"]
