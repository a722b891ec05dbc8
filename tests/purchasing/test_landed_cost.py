"""The exact-money rule for shipping, tax and fees (purchasing/landed_cost.py), without a database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from purchasing.landed_cost import split_cents


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        # $90 of oils, $10 of shipping: exact ninths.
        ("10.00", ["45.00", "27.00", "18.00"], ["5.00", "3.00", "2.00"]),
        # Three equal lines: the odd cent goes to the first (ties to the earlier line).
        ("10.00", ["30.00", "30.00", "30.00"], ["3.34", "3.33", "3.33"]),
        # The largest fraction cut off gets the cent, wherever it stands.
        ("1.00", ["1", "1", "4"], ["0.17", "0.17", "0.66"]),
        ("0.00", ["5", "7"], ["0.00", "0.00"]),
        ("0.05", ["0", "3"], ["0.00", "0.05"]),
    ],
)
def test_split_cents_adds_up_exactly(total, weights, shares):
    split = split_cents(D(total), [D(w) for w in weights])
    assert split == [D(s) for s in shares]
    assert sum(split) == D(total)


def test_a_large_awkward_split_still_adds_up():
    weights = [D("0.000001"), D("999999.999999"), D("33.3"), D("7")]
    split = split_cents(D("1234567.89"), weights)
    assert sum(split) == D("1234567.89")
    assert all(share >= 0 and share == share.quantize(D("0.01")) for share in split)


@pytest.mark.parametrize(
    ("total", "weights"),
    [("1.00", ["0", "0"]), ("1.00", []), ("1.005", ["1"]), ("-1.00", ["1"])],
)
def test_split_cents_refuses_what_cannot_be_shared(total, weights):
    with pytest.raises(ValueError):
        split_cents(D(total), [D(w) for w in weights])
