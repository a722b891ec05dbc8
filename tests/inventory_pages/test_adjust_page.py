"""Adjusting stock from its page: recount, disposals (a chosen lot for expired stock), giveaways and
returns; plain errors that write nothing; only for roles that may adjust."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inventory.models import Lot, Movement
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory, ago, ahead, stock
from tests.inventory_pages.conftest import client_as, inventory_state

D = Decimal


@pytest.fixture
def oil(acme):
    return ItemFactory(name="Olive oil", stock_unit="g")


def adjust(client, item, action: str, **fields):
    data = {"action": action, **{f"{action}-{key}": value for key, value in fields.items()}}
    return client.post(f"/inventory/items/{item.pk}/adjust/", data)


def remaining(*lots: Lot) -> list[Decimal]:
    return [Lot.objects.get(pk=lot.pk).quantity_remaining for lot in lots]


@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_recount_to_a_lower_target_drains_the_oldest_lot_first(acme, oil, role):
    client, member = client_as(acme, role)
    older = stock(oil, 100, days_ago=2)
    newer = stock(oil, 40, days_ago=1)
    response = adjust(client, oil, "recount", quantity="50", unit="g")
    assert response.status_code == 302
    assert remaining(older, newer) == [D("10"), D("40")]
    recount = Movement.objects.get(kind="recount")
    assert (recount.quantity, recount.lot_id, recount.actor_id) == (D("-90"), older.pk, member.pk)


def test_recount_accepts_another_unit_and_a_higher_count_adds_a_lot(acme, oil, owner_client):
    stock(oil, 100, "0.02")
    adjust(owner_client, oil, "recount", quantity="0.25", unit="kg")
    oil.refresh_from_db()
    assert oil.on_hand == D("250")
    added = Lot.objects.filter(item=oil).latest("id")
    assert (added.source, added.quantity_received, added.unit_cost) == (
        "adjustment",
        D("150"),
        D("0.02"),
    )


@pytest.mark.parametrize(
    ("kind", "label"), [("spoil", "Spoiled"), ("trash", "Thrown away"), ("damaged", "Damaged")]
)
def test_disposals_take_the_oldest_stock_first(acme, oil, owner_client, kind, label):
    older = stock(oil, 100, days_ago=2)
    newer = stock(oil, 100, days_ago=1)
    response = adjust(owner_client, oil, "dispose", kind=kind, quantity="130", unit="g")
    assert response.status_code == 302
    assert remaining(older, newer) == [D("0"), D("70")]
    assert sorted(Movement.objects.filter(kind=kind).values_list("quantity", flat=True)) == [
        D("-100"),
        D("-30"),
    ]
    assert f"{label}: 130 g of Olive oil taken out." in page_text(
        owner_client.get(response["Location"])
    )


def test_expired_disposal_takes_the_chosen_expired_lot(acme, oil, owner_client):
    expired = stock(oil, 100, days_ago=30, expires_at=ago(1))
    also_expired = stock(oil, 50, days_ago=20, expires_at=ago(2))
    fresh = stock(oil, 40, days_ago=1, expires_at=ahead(10))
    adjust(owner_client, oil, "dispose", kind="expired", lot=str(also_expired.pk))
    assert remaining(expired, also_expired, fresh) == [D("100"), D("0"), D("40")]
    adjust(owner_client, oil, "dispose", kind="expired", quantity="30", lot=str(expired.pk))
    assert remaining(expired, also_expired, fresh) == [D("70"), D("0"), D("40")]


def test_expired_disposal_of_a_lot_that_has_not_expired_is_refused(acme, oil, owner_client):
    fresh = stock(oil, 40, days_ago=1, expires_at=ahead(10))
    before = inventory_state()
    response = adjust(owner_client, oil, "dispose", kind="expired", lot=str(fresh.pk))
    day = fresh.expires_at.strftime("%Y-%m-%d")
    assert (
        f"{fresh.code} of Olive oil doesn't expire until {day}. Dispose of it as spoiled, "
        "thrown away or damaged instead." in page_text(response)
    )
    assert inventory_state() == before


def test_a_lot_of_another_item_cannot_be_chosen(acme, oil, owner_client):
    stock(oil, 100)
    other = stock(ItemFactory(name="Shea butter"), 100)
    before = inventory_state()
    response = adjust(owner_client, oil, "dispose", kind="spoil", quantity="5", lot=str(other.pk))
    assert "Pick one of this item's lots (the list may have changed)." in page_text(response)
    assert inventory_state() == before


@pytest.mark.parametrize(
    ("kind", "label"), [("tester", "Tester"), ("gift", "Gift"), ("sample", "Sample")]
)
def test_giveaways_take_usable_stock(acme, oil, owner_client, kind, label):
    expired = stock(oil, 100, days_ago=30, expires_at=ago(1))
    usable = stock(oil, 100, days_ago=1)
    adjust(owner_client, oil, "giveaway", kind=kind, quantity="0.01", unit="kg")
    assert remaining(expired, usable) == [D("100"), D("90")]
    assert Movement.objects.get(kind=kind).quantity == D("-10")


def test_giving_away_more_than_is_usable_says_how_much_is_missing(acme, oil, owner_client):
    stock(oil, 100, days_ago=30, expires_at=ago(1))
    stock(oil, 50, days_ago=1)
    before = inventory_state()
    response = adjust(owner_client, oil, "giveaway", kind="gift", quantity="200", unit="g")
    assert "You need 150 g more Olive oil: this needs 200 g and 50 g is available." in page_text(
        response
    )
    assert inventory_state() == before


def test_a_return_puts_stock_back_as_a_new_lot_at_the_given_cost(acme, oil, owner_client):
    stock(oil, 100, "0.02")
    adjust(owner_client, oil, "return", quantity="1", unit="kg", unit_cost="15")
    lot = Lot.objects.filter(item=oil).latest("id")
    assert (lot.source, lot.quantity_received, lot.unit_cost) == ("return", D("1000"), D("0.015"))
    assert Movement.objects.get(kind="returned").quantity == D("1000")


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("recount", {"quantity": "-1"}, "The quantity must be zero or more; -1 was given."),
        (
            "recount",
            {"quantity": "many"},
            "Enter the quantity as a number, for example 250 or 12.5.",
        ),
        (
            "dispose",
            {"kind": "spoil", "quantity": "0"},
            "The quantity must be more than zero; 0 was given.",
        ),
        (
            "dispose",
            {"kind": "spoil", "quantity": "1e-40"},
            "The quantity must be more than zero at the precision we keep: 0.000001.",
        ),
        (
            "recount",
            {"quantity": "0.0000001"},
            "The quantity must be 0, or more than zero at the precision we keep: 0.000001.",
        ),
        ("dispose", {"kind": "spoil", "quantity": ""}, "Enter a quantity."),
        (
            "dispose",
            {"kind": "spoil", "quantity": "5", "unit": "pinch"},
            "'pinch' isn't a unit BatchTrack knows.",
        ),
        (
            "giveaway",
            {"kind": "sample", "quantity": "1", "unit": "tsp"},
            "Olive oil has no density, so tsp can't be turned into g.",
        ),
        (
            "giveaway",
            {"kind": "sample", "quantity": "-2"},
            "The quantity must be more than zero; -2 was given.",
        ),
        ("return", {"quantity": "5", "unit_cost": "free"}, "Enter the cost as a number"),
        ("dispose", {"kind": "expired"}, "Olive oil has no expired stock to dispose of."),
    ],
)
def test_bad_adjustments_show_the_plain_message_and_write_nothing(
    acme, oil, owner_client, action, fields, message
):
    stock(oil, 100)
    before = inventory_state()
    response = adjust(owner_client, oil, action, **fields)
    assert response.status_code == 200
    assert message in page_text(response)
    assert inventory_state() == before


def test_a_viewer_may_not_adjust_and_nothing_is_written(acme, oil, viewer_client):
    stock(oil, 100)
    before = inventory_state()
    response = adjust(viewer_client, oil, "recount", quantity="0")
    assert response.status_code == 403
    assert inventory_state() == before
