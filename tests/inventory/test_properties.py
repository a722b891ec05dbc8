"""Property: any sequence of receive, consume, adjust, reserve, release, fulfil and restore keeps
on_hand == sum(lot remaining) == sum(stock ledger), never negative, reserved within on_hand, and every
refused call leaves everything as it was."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory import services
from inventory.errors import InventoryError
from inventory.models import Item, Lot, Movement, Reservation
from tests.inventory.factories import ItemFactory, ago, ahead

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("120"), places=3)
costs = st.decimals(min_value=Decimal("0"), max_value=Decimal("50"), places=4)
units = st.sampled_from(["g", "mg", "oz"])

operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("receive"),
            st.decimals(min_value=1, max_value=300, places=2),
            st.sampled_from(["g", "kg", "oz"]),
            costs,
            st.sampled_from(["fresh", "expired", "curing"]),
        ),
        st.tuples(st.just("consume"), quantities, units),
        st.tuples(st.just("recount"), st.decimals(min_value=0, max_value=600, places=2)),
        st.tuples(st.just("spoil"), quantities),
        st.tuples(st.just("expired"), st.none()),
        st.tuples(st.just("gift"), quantities),
        st.tuples(st.just("returned"), quantities),
        st.tuples(st.just("reserve"), quantities),
        st.tuples(st.just("release"), st.integers(0, 5)),
        st.tuples(st.just("fulfil"), st.integers(0, 5)),
        st.tuples(st.just("restore"), st.integers(0, 5)),
    ),
    min_size=1,
    max_size=25,
)


def _state(item_id: int):
    return (
        Item.objects.filter(pk=item_id).values("on_hand", "reserved").get(),
        list(
            Lot.objects.filter(item_id=item_id)
            .order_by("pk")
            .values_list("pk", "quantity_remaining")
        ),
        Movement.objects.filter(item_id=item_id).count(),
        list(
            Reservation.objects.filter(item_id=item_id).order_by("pk").values_list("pk", "status")
        ),
    )


def _assert_invariant(item_id: int) -> None:
    item = Item.objects.get(pk=item_id)
    lots = Lot.objects.filter(item_id=item_id)
    lot_sum = lots.aggregate(s=Sum("quantity_remaining"))["s"] or 0
    ledger_sum = (
        Movement.objects.filter(item_id=item_id, affects_stock=True).aggregate(s=Sum("quantity"))[
            "s"
        ]
        or 0
    )
    assert item.on_hand == lot_sum == ledger_sum
    assert item.on_hand >= 0
    assert 0 <= item.reserved <= item.on_hand
    open_reserved = (
        Reservation.objects.filter(item_id=item_id, status="open").aggregate(s=Sum("quantity"))["s"]
        or 0
    )
    assert item.reserved == open_reserved
    for lot in lots:
        assert 0 <= lot.quantity_remaining <= lot.quantity_received


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_random_sequences_keep_the_ledger_balanced(acme, steps):
    item = ItemFactory(stock_unit="g")
    reservations: list[Reservation] = []
    batches: list[int] = []
    for number, step in enumerate(steps):
        kind, *args = step
        before = _state(item.pk)
        try:
            if kind == "receive":
                quantity, unit, cost, state = args
                extra = {
                    "fresh": {},
                    "expired": {"received_at": ago(10), "expires_at": ago(1)},
                    "curing": {"hold_until": ahead(10)},
                }[state]
                services.receive(item=item, quantity=quantity, unit=unit, unit_cost=cost, **extra)
            elif kind == "consume":
                quantity, unit = args
                services.consume(
                    item=item, quantity=quantity, unit=unit, reference=("batch", number)
                )
                batches.append(number)
            elif kind == "recount":
                services.adjust(item=item, kind="recount", quantity=args[0])
            elif kind in ("spoil", "gift", "returned"):
                services.adjust(item=item, kind=kind, quantity=args[0])
            elif kind == "expired":
                services.adjust(item=item, kind="expired")
            elif kind == "reserve":
                reservations.append(services.reserve(item=item, quantity=args[0]))
            elif kind in ("release", "fulfil") and reservations:
                chosen = reservations[args[0] % len(reservations)]
                if kind == "release":
                    services.release(reservation=chosen)
                else:
                    services.fulfil(reservation=chosen)
            elif kind == "restore" and batches:
                services.restore(reference=("batch", batches[args[0] % len(batches)]))
        except InventoryError:
            assert _state(item.pk) == before
        _assert_invariant(item.pk)
