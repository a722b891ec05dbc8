"""The FIFO draw plan is a plain function: lots in, draws out, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory.fifo import OpenLot, PlannedDraw, plan_draws

D = Decimal
OIL = [OpenLot(1, D("100"), D("1")), OpenLot(2, D("100"), D("2"))]


def test_one_line_takes_the_oldest_lot_first():
    assert plan_draws([(7, D("150"))], {7: OIL}) == [
        [PlannedDraw(1, D("100"), D("1")), PlannedDraw(2, D("50"), D("2"))]
    ]


def test_a_second_line_of_the_same_item_continues_where_the_first_stopped():
    plan = plan_draws(
        [(7, D("60")), (8, D("1")), (7, D("60"))], {7: OIL, 8: [OpenLot(3, D("5"), 0)]}
    )

    assert plan == [
        [PlannedDraw(1, D("60"), D("1"))],
        [PlannedDraw(3, D("1"), D("0"))],
        [PlannedDraw(1, D("40"), D("1")), PlannedDraw(2, D("20"), D("2"))],
    ]


def test_an_empty_lot_is_skipped():
    lots = [OpenLot(1, D("0"), D("1")), OpenLot(2, D("5"), D("2"))]
    assert plan_draws([(7, D("5"))], {7: lots}) == [[PlannedDraw(2, D("5"), D("2"))]]


def test_lots_that_do_not_cover_the_need_are_a_programming_error():
    with pytest.raises(ValueError, match="do not cover 201"):
        plan_draws([(7, D("201"))], {7: OIL})
