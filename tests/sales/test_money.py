"""The order money rules as plain functions: no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sales.money import allocate, default_refund, line_goods, margin_pct

D = Decimal


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        ("1.00", ["1", "1", "1"], ["0.34", "0.33", "0.33"]),
        ("10.00", ["90", "10"], ["9.00", "1.00"]),
        ("0.05", ["0", "0"], ["0.03", "0.02"]),
        ("4.00", ["16.00"], ["4.00"]),
        ("0.00", ["5", "7"], ["0.00", "0.00"]),
    ],
)
def test_allocate_shares_add_up_to_the_cent(total, weights, shares):
    got = allocate(D(total), [D(w) for w in weights])
    assert got == [D(s) for s in shares]
    assert sum(got, D("0")) == D(total)


def test_line_goods_rounds_the_product_half_up_then_takes_the_discount():
    assert line_goods(D("1.5"), D("8.55"), D("1.00")) == D("11.83")  # 12.825 -> 12.83


def test_default_refund_is_the_share_and_the_last_return_takes_what_is_left():
    assert default_refund(left=D("10.00"), out=D("3"), returning=D("1")) == D("3.33")
    assert default_refund(left=D("6.67"), out=D("2"), returning=D("2")) == D("6.67")


def test_margin_to_one_decimal_half_up_and_none_without_revenue():
    assert margin_pct(D("1"), D("3")) == D("33.3")
    assert margin_pct(D("2"), D("3")) == D("66.7")
    assert margin_pct(D("5"), D("0")) is None
