"""The container fill plan as a pure function: exact plans from the issue and the edges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from batches.container_fill import MAX_COMBINATIONS, ContainerOption, plan_fill

JAR4 = ContainerOption(1, "Clear Glass Jar - 4 fl oz", Decimal("4"), 50)


def test_12_fl_oz_into_4_fl_oz_jars_takes_3_jars_at_100_percent():
    plan = plan_fill(yield_quantity=Decimal("12"), unit="fl oz", options=[JAR4])
    assert [(p.item_id, p.count) for p in plan.picks] == [(1, 3)]
    assert plan.containment_pct == Decimal("100")
    assert plan.last_fill_pct == Decimal("100")
    assert plan.unfilled == 0
    assert plan.warnings == ()


def test_10_fl_oz_with_only_two_4_fl_oz_jars_in_stock_leaves_2_fl_oz_that_wont_fit():
    two = ContainerOption(1, "Clear Glass Jar - 4 fl oz", Decimal("4"), 2)
    plan = plan_fill(yield_quantity=Decimal("10"), unit="fl oz", options=[two])
    assert [(p.item_id, p.count) for p in plan.picks] == [(1, 2)]
    assert plan.unfilled == Decimal("2")
    assert plan.containment_pct == Decimal("80")
    assert plan.warnings == (
        "2 fl oz won't fit: the containers in stock hold only 8 fl oz. Receive more containers, "
        "or plan a smaller batch.",
    )


def test_a_partly_filled_last_container_is_said_plainly():
    plan = plan_fill(yield_quantity=Decimal("10"), unit="fl oz", options=[JAR4])
    assert [(p.item_id, p.count) for p in plan.picks] == [(1, 3)]
    assert plan.containment_pct == Decimal("120")
    assert plan.last_fill_pct == Decimal("50")
    assert plan.warnings == ("The last Clear Glass Jar - 4 fl oz will be only 50 % full.",)


def test_largest_first_then_the_combination_closest_to_100_percent():
    eight = ContainerOption(2, "Jar 8", Decimal("8"), 10)
    plan = plan_fill(yield_quantity=Decimal("20"), unit="fl oz", options=[JAR4, eight])
    # 2 x 8 + 1 x 4 = 20 exactly, not 3 x 8 = 24.
    assert [(p.item_id, p.count) for p in plan.picks] == [(2, 2), (1, 1)]
    assert plan.containment_pct == Decimal("100")


def test_a_larger_container_takes_what_the_small_ones_cannot():
    small = ContainerOption(1, "Jar 4", Decimal("4"), 1)
    big = ContainerOption(2, "Jar 16", Decimal("16"), 3)
    plan = plan_fill(yield_quantity=Decimal("22"), unit="fl oz", options=[small, big])
    # One 16 and the one 4 hold 20: short. Two 16s hold 32, the least that holds 22.
    assert [(p.item_id, p.count) for p in plan.picks] == [(2, 2)]
    assert plan.unfilled == 0
    assert plan.last_fill_pct == Decimal("37.5")


def test_the_fill_percent_lowers_what_each_holds():
    vessel = ContainerOption(3, "Vessel 10", Decimal("10"), 20)
    plan = plan_fill(
        yield_quantity=Decimal("45"), unit="oz", options=[vessel], fill_pct=Decimal("90")
    )
    assert [(p.count, p.capacity) for p in plan.picks] == [(5, Decimal("9"))]
    assert plan.containment_pct == Decimal("100")


def test_nothing_in_stock_says_so():
    empty = ContainerOption(1, "Jar 4", Decimal("4"), 0)
    plan = plan_fill(yield_quantity=Decimal("10"), unit="fl oz", options=[empty])
    assert plan.picks == () and plan.unfilled == Decimal("10")
    assert plan.warnings[0].startswith("No container in stock can take this batch.")


def test_many_sizes_stay_within_the_combination_budget(monkeypatch):
    import batches.container_fill as fill

    calls = []
    real = fill._score
    monkeypatch.setattr(fill, "_score", lambda *a: calls.append(1) or real(*a))
    options = [ContainerOption(i, f"Size {i}", Decimal(i), 100) for i in range(1, 12)]
    plan = plan_fill(yield_quantity=Decimal("137"), unit="ml", options=options)
    assert len(calls) <= MAX_COMBINATIONS + 1
    assert plan.containment_pct == Decimal("100")


@pytest.mark.parametrize(("wanted", "fill"), [("0", "100"), ("5", "0"), ("5", "101")])
def test_a_zero_yield_or_a_fill_out_of_range_is_a_programming_error(wanted, fill):
    with pytest.raises(ValueError):
        plan_fill(yield_quantity=Decimal(wanted), unit="g", options=[JAR4], fill_pct=Decimal(fill))
