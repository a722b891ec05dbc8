"""Found stock keeps a date: a recount above on hand dates its new lot like the newest open lot, else
today plus the item's shelf life, else not at all; a date the maker gives wins (issue 11, point 3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from inventory import services
from inventory.errors import InvalidAdjustment, InvalidDate
from inventory.models import Lot
from inventory.services import found_stock_expiry
from inventory.shelf_life import shelf_life_words
from tests.inventory.conftest import assert_balanced
from tests.inventory.factories import ItemFactory, ago, ahead, stock

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
YEAR = timezone.now().year + 2  # dates that stay in the future
MARCH_12 = datetime(YEAR, 3, 12, 10, 0, tzinfo=UTC)
JUNE_1 = datetime(YEAR, 6, 1, 10, 0, tzinfo=UTC)


def found_lot(result) -> Lot:
    return Lot.objects.get(pk=result.lot_id)


def test_found_stock_takes_the_expiry_of_the_newest_open_lot(acme):
    oil = ItemFactory(name="Olive oil", shelf_life_days=30)
    stock(oil, 10, days_ago=9, expires_at=JUNE_1)
    stock(oil, 10, days_ago=2, expires_at=MARCH_12)

    result = services.adjust(item=oil, kind="recount", quantity=25)

    lot = found_lot(result)
    assert (lot.source, lot.quantity_received, lot.expires_at) == ("adjustment", 5, MARCH_12)
    assert_balanced()


def test_the_newest_lot_is_the_latest_received_then_the_highest_id(acme):
    oil = ItemFactory()
    received = ago(3)
    stock(oil, 10, received_at=received, expires_at=JUNE_1)
    stock(oil, 10, received_at=received, expires_at=MARCH_12)

    assert found_stock_expiry(oil, NOW).expires_at == MARCH_12


def test_emptied_lots_are_not_open_and_do_not_count(acme):
    oil = ItemFactory()
    stock(oil, 10, days_ago=9, expires_at=JUNE_1)
    newest = stock(oil, 10, days_ago=2, expires_at=MARCH_12)
    services.adjust(item=oil, kind="spoil", lot=newest, quantity=10)

    assert found_stock_expiry(oil, NOW).expires_at == JUNE_1


def test_with_no_open_lot_found_stock_expires_after_the_shelf_life(acme):
    oil = ItemFactory(name="Olive oil", shelf_life_days=30)
    stock(oil, 10, expires_at=MARCH_12)
    services.consume(item=oil, quantity=10)

    found = found_stock_expiry(oil, NOW)

    assert found.expires_at == datetime(2027, 1, 5, 12, 0, tzinfo=UTC)
    assert found.sentence == (
        "Found stock will expire on 5 Jan 2027, 1 month from today (Olive oil's shelf life)."
    )


def test_the_service_dates_found_stock_today_plus_the_shelf_life(acme):
    oil = ItemFactory(shelf_life_days=30)
    before = timezone.now()

    result = services.adjust(item=oil, kind="recount", quantity=3)

    expires = found_lot(result).expires_at
    assert before + timedelta(days=30) <= expires <= timezone.now() + timedelta(days=30)
    assert_balanced()


def test_an_open_lot_without_a_date_falls_back_to_the_shelf_life(acme):
    oil = ItemFactory()
    stock(oil, 10, days_ago=9, expires_at=JUNE_1)
    stock(oil, 10, days_ago=1)  # the item had no shelf life yet when it came in
    oil.shelf_life_days = 14

    found = found_stock_expiry(oil, NOW)

    assert (found.expires_at, found.lot) == (NOW + timedelta(days=14), None)


def test_with_neither_found_stock_has_no_expiry(acme):
    oil = ItemFactory(name="Olive oil")
    assert found_stock_expiry(oil, NOW).sentence == (
        "Found stock won't have an expiry date: Olive oil has no stock on hand and no shelf life."
    )

    result = services.adjust(item=oil, kind="recount", quantity=3)

    assert found_lot(result).expires_at is None


def test_an_undated_newest_lot_and_no_shelf_life_leave_found_stock_undated(acme):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 10)
    assert found_stock_expiry(oil, NOW).sentence == (
        "Found stock won't have an expiry date: your newest delivery has none and Olive oil has "
        "no shelf life."
    )

    result = services.adjust(item=oil, kind="recount", quantity=12)

    assert found_lot(result).expires_at is None


@pytest.mark.parametrize(
    ("source", "words"),
    [("purchase", "delivery"), ("batch_output", "batch"), ("return", "returned stock")],
)
def test_the_sentence_names_where_the_newest_stock_came_from(acme, source, words):
    oil = ItemFactory()
    stock(oil, 10, expires_at=MARCH_12, source=source)

    assert found_stock_expiry(oil, NOW).sentence == (
        f"Found stock will expire on 12 Mar {YEAR}, like your newest {words}."
    )


def test_a_date_the_maker_gives_wins(acme):
    oil = ItemFactory(shelf_life_days=30)
    stock(oil, 10, expires_at=MARCH_12)

    result = services.adjust(item=oil, kind="recount", quantity=11, expires_at=JUNE_1)

    assert found_lot(result).expires_at == JUNE_1
    assert_balanced()


@pytest.mark.parametrize(
    ("counted", "expires_at", "error", "message"),
    [
        (
            8,
            JUNE_1,
            InvalidAdjustment,
            "The count isn't above the 10 g on hand, so no stock is found and there is nothing "
            "to date. Leave the expiry date empty.",
        ),
        (
            10,
            JUNE_1,
            InvalidAdjustment,
            "The count isn't above the 10 g on hand, so no stock is found and there is nothing "
            "to date. Leave the expiry date empty.",
        ),
        (12, "past", InvalidDate, "The expiry date of found stock must be in the future."),
    ],
)
def test_a_date_that_does_not_apply_is_refused_and_changes_nothing(
    acme, snapshot, counted, expires_at, error, message
):
    oil = ItemFactory()
    stock(oil, 10, days_ago=5, expires_at=MARCH_12)
    before = snapshot()

    with pytest.raises(error) as caught:
        services.adjust(
            item=oil,
            kind="recount",
            quantity=counted,
            expires_at=ago(1) if expires_at == "past" else expires_at,
        )

    assert (caught.value.message, caught.value.field) == (message, "expires_at")
    assert snapshot() == before


def test_other_takings_still_refuse_an_expiry_date(acme, snapshot):
    oil = ItemFactory()
    stock(oil, 10)
    before = snapshot()

    with pytest.raises(InvalidAdjustment) as caught:
        services.adjust(item=oil, kind="spoil", quantity=1, expires_at=ahead(5))

    assert caught.value.message == (
        "Only a return or found stock (a count above what's on hand) takes an expiry date."
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "1 day"),
        (10, "10 days"),
        (7, "1 week"),
        (14, "2 weeks"),
        (30, "1 month"),
        (180, "6 months"),
        (360, "12 months"),
        (365, "1 year"),
        (730, "2 years"),
    ],
)
def test_shelf_life_words(days, words):
    assert shelf_life_words(days) == words
