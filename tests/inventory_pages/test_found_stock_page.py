"""The adjust page says when found stock will expire before the maker counts, and takes a date of
their own (issue 11, point 3)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inventory.models import Lot
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory, stock
from tests.inventory_pages.conftest import inventory_state

D = Decimal
YEAR = timezone.now().year + 2  # dates that stay in the future
MARCH_12 = datetime(YEAR, 3, 12, 10, 0, tzinfo=UTC)


@pytest.fixture
def oil(acme):
    return ItemFactory(name="Olive oil", stock_unit="g", shelf_life_days=30)


def url(item) -> str:
    return f"/inventory/items/{item.pk}/adjust/"


def recount(client, item, **fields):
    data = {"action": "recount", **{f"recount-{key}": value for key, value in fields.items()}}
    return client.post(url(item), data)


def found_stock_sentence(response) -> str:
    found = re.search(r'<p class="small" id="found-stock-expiry">(.*?)</p>', page_text(response))
    assert found is not None
    return found.group(1)


def test_the_page_shows_the_newest_deliverys_date_before_the_count(acme, oil, owner_client):
    stock(oil, 100, days_ago=3, expires_at=MARCH_12)

    response = owner_client.get(url(oil))

    assert found_stock_sentence(response) == (
        f"Found stock will expire on 12 Mar {YEAR}, like your newest delivery. "
        "Give a date below to change it."
    )
    assert 'name="recount-expires_on"' in response.content.decode()


def test_the_page_shows_the_shelf_life_date_when_nothing_is_on_hand(acme, oil, owner_client):
    sentence = found_stock_sentence(owner_client.get(url(oil)))

    assert re.fullmatch(
        r"Found stock will expire on \d{1,2} \w{3} \d{4}, 1 month from today "
        r"\(Olive oil's shelf life\)\. Give a date below to change it\.",
        sentence,
    )


def test_a_count_up_without_a_date_dates_the_found_stock_like_the_page_said(
    acme, oil, owner_client
):
    stock(oil, 100, days_ago=3, expires_at=MARCH_12)

    response = recount(owner_client, oil, quantity="120", unit="g")

    assert response.status_code == 302
    found = Lot.objects.filter(item=oil).latest("id")
    assert (found.source, found.quantity_received, found.expires_at) == (
        "adjustment",
        D("20"),
        MARCH_12,
    )


def test_a_date_on_the_form_wins(acme, oil, owner_client):
    stock(oil, 100, days_ago=3, expires_at=MARCH_12)

    recount(owner_client, oil, quantity="120", unit="g", expires_on=f"{YEAR}-06-01")

    found = Lot.objects.filter(item=oil).latest("id")
    assert found.expires_at == datetime(YEAR, 6, 1, tzinfo=UTC)


def test_a_date_on_a_count_down_is_refused_on_its_field_and_changes_nothing(
    acme, oil, owner_client
):
    stock(oil, 100, days_ago=3, expires_at=MARCH_12)
    before = inventory_state()

    response = recount(owner_client, oil, quantity="80", unit="g", expires_on=f"{YEAR}-06-01")

    assert response.status_code == 200
    assert response.context["forms"]["recount"].errors == {
        "expires_on": [
            "The count isn't above the 100 g on hand, so no stock is found and there is nothing "
            "to date. Leave the expiry date empty."
        ]
    }
    assert inventory_state() == before
