"""The books balance under both costing methods: what was paid in minus what was charged out is the
value of the stock on hand, to the last digit, at every moment (issue: exact books)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory import services
from inventory.errors import InventoryError
from inventory.models import Item, Lot, Movement
from inventory.selectors import ledger_imbalances
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead, stock

D = Decimal


def paid_in_less_charged_out(item: Item) -> Decimal:
    """From the ledger alone: the value of every stock movement in, less every one out."""
    moves = Movement.objects.filter(item=item, affects_stock=True)
    paid_in = moves.filter(value__gt=0).aggregate(s=Sum("value"))["s"] or D(0)
    charged_out = -(moves.filter(value__lt=0).aggregate(s=Sum("value"))["s"] or D(0))
    return paid_in - charged_out


def value_on_hand(item: Item) -> Decimal:
    return services.stock_value(item)


def charged(results) -> Decimal:
    return sum((r.total_cost for r in results), D(0))


@pytest.mark.parametrize(
    ("method", "first_charge", "left_value"),
    [("average", D("225"), D("75")), ("fifo", D("200"), D("100"))],
)
def test_three_hundred_dollars_in_is_three_hundred_out(acme, method, first_charge, left_value):
    services.set_costing_method(method=method)
    oil = ItemFactory(name="Olive oil")
    stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 100, "2.00", days_ago=1)

    first = services.consume(item=oil, quantity=150)

    assert first.total_cost == first_charge
    assert value_on_hand(oil) == left_value
    assert services.weighted_average_cost(oil) == left_value / 50
    second = services.consume(item=oil, quantity=50)
    assert second.total_cost == left_value
    assert first.total_cost + second.total_cost == D("300")
    assert value_on_hand(oil) == 0
    assert paid_in_less_charged_out(oil) == 0
    assert_balanced()


def test_average_charges_a_moving_average_that_receipts_move(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    stock(oil, 100, "1.00", days_ago=3)
    services.consume(item=oil, quantity=50)  # 50 g left at $1.00: $50
    stock(oil, 50, "3.00", days_ago=1)  # 100 g worth $200: average $2.00

    result = services.consume(item=oil, quantity=25)

    assert result.total_cost == D("50")
    assert [d.unit_cost for d in result.draws] == [D("2")]
    assert value_on_hand(oil) == D("150")
    assert_balanced()


def test_an_average_that_never_ends_still_empties_to_exactly_zero(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    services.receive(item=oil, quantity=3, total_cost="1.00")  # $0.333333/g: $0.999999
    services.receive(item=oil, quantity=7, unit_cost="0.1")
    paid = paid_in_less_charged_out(oil)

    draws = [services.consume(item=oil, quantity=q) for q in ("1", "3.3", "2.2", "3.5")]

    assert charged(draws) == paid == D("1.699999")
    assert value_on_hand(oil) == 0
    oil.refresh_from_db()
    assert (oil.on_hand, oil.stock_value) == (0, 0)
    assert_balanced()


def test_disposals_and_giveaways_use_the_average_too(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 100, "2.00", days_ago=1)

    spoiled = services.adjust(item=oil, kind="spoil", quantity=10)
    gift = services.adjust(item=oil, kind="gift", quantity=10)
    recount = services.adjust(item=oil, kind="recount", quantity=100)

    assert (spoiled.value_change, gift.value_change, recount.value_change) == (
        D("-15"),
        D("-15"),
        D("-120"),
    )
    assert value_on_hand(oil) == D("150")
    assert_balanced()


def test_found_stock_comes_in_at_the_average_and_leaves_it_unchanged(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    services.receive(item=oil, quantity=3, total_cost="1.00")

    found = services.adjust(item=oil, kind="recount", quantity=4)

    oil.refresh_from_db()
    assert found.value_change == D("0.333333")
    assert oil.stock_value == D("1.333332")
    assert_balanced()


def test_switching_to_average_carries_the_stock_at_its_value(acme):
    oil = ItemFactory()
    stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 100, "2.00", days_ago=1)
    fifo_charge = services.consume(item=oil, quantity=50).total_cost  # $50 from the $1.00 lot

    services.set_costing_method(method="average")

    assert fifo_charge == D("50")
    assert value_on_hand(oil) == D("250")
    assert services.consume(item=oil, quantity=75).total_cost == D("125")
    assert value_on_hand(oil) == D("125")
    assert_balanced()


def test_switching_to_fifo_carries_the_average_into_the_lots(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    a = stock(oil, 100, "1.00", days_ago=2)
    b = stock(oil, 100, "2.00", days_ago=1)
    services.consume(item=oil, quantity=50)  # $75: $225 left on 150 g, $1.50/g

    services.set_costing_method(method="fifo")

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.unit_cost, b.unit_cost) == (D("1.5"), D("1.5"))
    assert value_on_hand(oil) == D("225")
    assert not Movement.objects.filter(kind=Movement.Kind.REVALUE).exists()
    assert services.consume(item=oil, quantity=150).total_cost == D("225")
    assert_balanced()


def test_a_switch_to_fifo_records_what_six_decimals_cannot_carry(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    services.receive(item=oil, quantity=3, total_cost="1.00")  # $0.999999
    services.receive(item=oil, quantity=4, total_cost="1.00")  # + $1.000000 on 7 g

    services.set_costing_method(method="fifo")

    (revalue,) = Movement.objects.filter(kind=Movement.Kind.REVALUE)
    # 7 g x $0.285714 = $1.999998 carries $1.999999 to within a millionth of a dollar.
    assert (revalue.quantity, revalue.value) == (0, D("-0.000001"))
    assert value_on_hand(oil) == D("1.999998")
    assert paid_in_less_charged_out(oil) == value_on_hand(oil)
    assert_balanced()


def test_a_batch_cancel_gives_back_exactly_what_it_was_charged_under_average(acme):
    services.set_costing_method(method="average")
    oil = ItemFactory()
    stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 100, "2.00", days_ago=1)
    used = services.consume(item=oil, quantity=150, reference=("batch", 9))
    stock(oil, 50, "4.00")  # the average moves on: $275 on 100 g

    back = services.restore(reference=("batch", 9))

    assert back.total_cost == used.total_cost == D("225")
    assert value_on_hand(oil) == D("500")
    assert_balanced()


def test_the_audit_reports_a_planted_value_drift(acme):
    oil = ItemFactory()
    stock(oil, 100, "1.00")
    Item.objects.filter(pk=oil.pk).update(stock_value=D("99"))

    (drift,) = ledger_imbalances()

    assert (drift.item_id, drift.on_hand, drift.lots_total, drift.ledger_total) == (
        oil.pk,
        D("100"),
        D("100"),
        D("100"),
    )
    assert (drift.stock_value, drift.ledger_value, drift.lots_value) == (
        D("99"),
        D("100"),
        D("100"),
    )
    assert drift.value_drift == D("-1")


def test_the_audit_reports_lots_that_disagree_with_the_value_under_fifo(acme):
    oil = ItemFactory()
    lot = stock(oil, 100, "1.00")
    Lot.objects.filter(pk=lot.pk).update(unit_cost=D("1.10"))

    (drift,) = ledger_imbalances()

    assert (drift.stock_value, drift.ledger_value, drift.lots_value) == (
        D("100"),
        D("100"),
        D("110"),
    )


# --- The books identity as a property -------------------------------------------------------------

amounts = st.decimals(min_value=D("0.001"), max_value=D("90"), places=3)
steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("receive"),
            st.integers(0, 1),
            st.decimals(min_value=1, max_value=200, places=2),
            st.decimals(min_value=0, max_value=30, places=4),
            st.sampled_from(["fresh", "expired", "curing"]),
        ),
        st.tuples(st.just("consume"), st.integers(0, 1), amounts),
        st.tuples(st.just("consume_many"), amounts, amounts),
        st.tuples(st.just("recount"), st.integers(0, 1), st.decimals(0, 400, places=2)),
        st.tuples(st.just("dispose"), st.integers(0, 1), amounts),
        st.tuples(st.just("return"), st.integers(0, 1), amounts),
        st.tuples(st.just("return_to_source"), st.integers(0, 9), amounts),
        st.tuples(st.just("reserve"), st.integers(0, 1), amounts),
        st.tuples(st.just("release"), st.integers(0, 9)),
        st.tuples(st.just("fulfil"), st.integers(0, 9)),
        st.tuples(st.just("cancel_batch"), st.integers(0, 9)),
        st.tuples(st.just("switch"), st.sampled_from(["fifo", "average"])),
    ),
    min_size=1,
    max_size=30,
)


def _assert_books(items: list[Item]) -> None:
    assert ledger_imbalances() == []
    for item in items:
        item.refresh_from_db()
        lots = Lot.objects.filter(item=item).aggregate(s=Sum("quantity_remaining"))["s"] or 0
        ledger = (
            Movement.objects.filter(item=item, affects_stock=True).aggregate(s=Sum("quantity"))["s"]
            or 0
        )
        assert item.on_hand == lots == ledger
        assert paid_in_less_charged_out(item) == value_on_hand(item) == item.stock_value
        if services.costing_method() == "fifo":
            lots_value = sum((lot.value for lot in Lot.objects.filter(item=item)), D(0))
            assert lots_value == item.stock_value


STATES = {
    "fresh": {},
    "expired": {"received_at": ago(10), "expires_at": ago(1)},
    "curing": {"hold_until": ahead(10)},
}


def _receive(items, number, which, quantity, cost, state):
    services.receive(item=items[which], quantity=quantity, unit_cost=cost, **STATES[state])


def _consume(items, number, which, quantity):
    services.consume(item=items[which], quantity=quantity, reference=("batch", number))
    return ("batch", number)


def _consume_many(items, number, first, second):
    services.consume_many(
        lines=[(items[0], first), (items[1], second)], kind="sale", reference=("sale", number)
    )
    return ("sale", number)


def _dispose(items, number, which, quantity):
    result = services.adjust(item=items[which], kind="spoil", quantity=quantity)
    return ("movement", result.movements[0].movement_id)


def _source_item(source) -> int | None:
    taken = Movement.objects.filter(quantity__lt=0).order_by("id")
    if source[0] == "movement":
        taken = taken.filter(pk=source[1])
    else:
        taken = taken.filter(reference_type=source[0], reference_id=source[1])
    return taken.values_list("item_id", flat=True).first()


def _run(items: list[Item], step, number: int, sources: list, reservations: list) -> None:
    kind, *args = step
    simple = {
        "receive": _receive,
        "consume": _consume,
        "consume_many": _consume_many,
        "dispose": _dispose,
        "recount": lambda items, n, which, q: services.adjust(
            item=items[which], kind="recount", quantity=q
        ),
        "return": lambda items, n, which, q: services.adjust(
            item=items[which], kind="returned", quantity=q
        ),
        "reserve": lambda items, n, which, q: reservations.append(
            services.reserve(item=items[which], quantity=q)
        ),
        "switch": lambda items, n, method: services.set_costing_method(method=method),
    }
    if kind in simple:
        source = simple[kind](items, number, *args)
        if isinstance(source, tuple):
            sources.append(source)
        return
    pool = reservations if kind in ("release", "fulfil") else sources
    if not pool:
        return
    chosen = pool[args[0] % len(pool)]
    if kind == "release":
        services.release(reservation=chosen)
    elif kind == "fulfil":
        services.fulfil(reservation=chosen)
    elif kind == "cancel_batch" and chosen[0] != "movement":
        services.restore(reference=chosen)
    elif kind == "return_to_source" and (item_id := _source_item(chosen)) is not None:
        services.adjust(item=item_id, kind="returned", quantity=args[1], source=chosen)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=steps)
def test_any_sequence_keeps_paid_in_less_charged_out_equal_to_the_value_on_hand(acme, plan):
    with transaction.atomic():
        items = [ItemFactory(stock_unit="g"), ItemFactory(stock_unit="g")]
        batches: list = []
        reservations: list = []
        for number, step in enumerate(plan):
            try:
                with transaction.atomic():
                    _run(items, step, number, batches, reservations)
            except InventoryError:
                pass
            _assert_books(items)
        transaction.set_rollback(True)
