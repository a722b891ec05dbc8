"""Receiving stock from its page: any convertible unit (custom units too), cost per unit or in total,
expiry from the form or the shelf life, hold-until, supplier; the live preview; plain errors."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inventory import services
from inventory.display import format_amount
from inventory.models import Lot, Movement
from inventory.templatetags.inventory_format import format_unit_money
from tests.conftest import page_text
from tests.inventory.factories import ItemFactory
from tests.inventory_pages.conftest import client_as, inventory_state

D = Decimal


@pytest.fixture
def wax(acme):
    return ItemFactory(name="Beeswax", stock_unit="kg")


def receive(client, item, **fields):
    return client.post(f"/inventory/items/{item.pk}/receive/", fields)


@pytest.mark.parametrize("role", ["owner", "admin", "production"])
def test_roles_that_may_receive_receive_500_g_into_a_kg_item(acme, wax, role):
    client, member = client_as(acme, role)
    response = receive(
        client,
        wax,
        quantity="500",
        unit="g",
        unit_cost="0.01",
        supplier="Hive & Co",
        supplier_lot_code="H-22",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/inventory/items/{wax.pk}/"
    lot = Lot.objects.get(item=wax)
    assert (lot.quantity_received, lot.quantity_remaining, lot.unit_cost) == (
        D("0.5"),
        D("0.5"),
        D("10"),
    )
    assert (lot.supplier, lot.supplier_lot_code, lot.expires_at, lot.hold_until) == (
        "Hive & Co",
        "H-22",
        None,
        None,
    )
    movement = Movement.objects.get(item=wax)
    assert (movement.kind, movement.quantity, movement.actor_id) == ("receive", D("0.5"), member.pk)
    wax.refresh_from_db()
    assert wax.on_hand == D("0.5")


def test_total_cost_is_spread_over_the_stock_units(acme, wax, owner_client):
    receive(owner_client, wax, quantity="2500", unit="g", total_cost="30")
    lot = Lot.objects.get(item=wax)
    assert (lot.quantity_received, lot.unit_cost) == (D("2.5"), D("12"))


def test_a_custom_unit_converts_into_the_stock_unit(acme, owner_client):
    soap = ItemFactory(name="Soap base", stock_unit="g")
    services.create_custom_unit(name="bar", quantity="113", unit="g", kind="count")
    receive(owner_client, soap, quantity="4", unit="bars", unit_cost="1.13")
    lot = Lot.objects.get(item=soap)
    assert (lot.quantity_received, lot.unit_cost) == (D("452"), D("0.01"))


def test_expiry_defaults_from_the_shelf_life_or_comes_from_the_form(acme, owner_client):
    milk = ItemFactory(name="Goat milk", stock_unit="ml", shelf_life_days=10)
    before = timezone.now()
    receive(owner_client, milk, quantity="1", unit="l", unit_cost="0.004")
    default = Lot.objects.get(item=milk)
    assert before + timedelta(days=10) <= default.expires_at <= timezone.now() + timedelta(days=10)

    day = (timezone.now() + timedelta(days=30)).date()
    hold = (timezone.now() + timedelta(days=3)).date()
    receive(
        owner_client,
        milk,
        quantity="500",
        unit="ml",
        unit_cost="0.004",
        expires_on=day.isoformat(),
        hold_until=hold.isoformat(),
    )
    given = Lot.objects.filter(item=milk).latest("id")
    utc = timezone.get_fixed_timezone(0)
    assert given.expires_at == datetime.combine(day, time.min, tzinfo=utc)
    assert given.hold_until == datetime.combine(hold, time.min, tzinfo=utc)
    assert given.is_curing()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"quantity": "0"}, "The quantity must be more than zero; 0 was given."),
        ({"quantity": "-3"}, "The quantity must be more than zero; -3 was given."),
        (
            {"quantity": "0.0000001"},
            "The quantity must be more than zero at the precision we keep: 0.000001.",
        ),
        ({"quantity": "lots"}, "Enter the quantity as a number, for example 250 or 12.5."),
        ({"quantity": ""}, "This field is required."),
        (
            {"unit": "smidgen"},
            "'smidgen' isn't a unit BatchTrack knows. Use one of g, kg, mg, oz, lb, ml, l, tsp, "
            "tbsp, fl oz, cup, pt, qt, gal, each, or add 'smidgen' as a custom unit",
        ),
        (
            {"unit": "ml"},
            "Beeswax has no density, so ml can't be turned into kg. Add its density (g/ml) on the "
            "item page.",
        ),
        (
            {"unit": "each"},
            "Beeswax is kept in kg (weight), so an amount in each (count) can't be turned into it.",
        ),
        (
            {"unit_cost": "", "total_cost": ""},
            "Enter what the stock cost, either per unit or in total",
        ),
        ({"total_cost": "5"}, "Enter the cost per unit or the total cost, not both."),
        ({"unit_cost": "-1"}, "The cost must be zero or more; -1 was given."),
        (
            {"unit_cost": "0.0000001"},
            "The cost must be 0, or more than zero at the precision we keep: 0.000001.",
        ),
        (
            {"expires_on": "2001-01-01"},
            "The expiry date must be after the date the stock was received.",
        ),
        ({"expires_on": "someday"}, "Enter a valid date."),
    ],
)
def test_bad_input_shows_the_plain_message_and_writes_nothing(
    acme, wax, owner_client, fields, message
):
    before = inventory_state()
    response = receive(
        owner_client, wax, **{"quantity": "500", "unit": "g", "unit_cost": "1", **fields}
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert inventory_state() == before


def test_a_viewer_may_not_receive_and_nothing_is_written(acme, wax, viewer_client):
    before = inventory_state()
    response = receive(viewer_client, wax, quantity="500", unit="g", unit_cost="0.01")
    assert response.status_code == 403
    assert inventory_state() == before


def test_an_untracked_item_cannot_receive(acme, owner_client):
    water = ItemFactory(name="Tap water", stock_unit="ml", is_tracked=False)
    before = inventory_state()
    response = receive(owner_client, water, quantity="1", unit="l", unit_cost="0")
    assert "Tap water isn't stock-tracked, so it has no stock to receive." in page_text(response)
    assert inventory_state() == before


# --- The live preview -------------------------------------------------------------------------------


def preview(client, item, **params):
    response = client.get(f"/inventory/items/{item.pk}/receive/preview/", params)
    assert response.status_code == 200
    assert "<main" not in page_text(response)
    return " ".join(page_text(response).split()) if response.content.strip() else ""


def test_the_preview_shows_the_conversion_and_the_cost_per_stock_unit(acme, wax, owner_client):
    assert preview(owner_client, wax, quantity="500", unit="g", unit_cost="0.01") == (
        '<div class="alert alert-secondary mb-0 py-2">500 g = 0.5 kg at $10.00/kg, $5.00 in total.'
        "</div>"
    )
    assert "2 kg at $12.50/kg, $25.00 in total." in preview(
        owner_client, wax, quantity="2", unit="kg", total_cost="25"
    )
    assert "1,500 g = 1.5 kg; enter a cost per unit or a total cost." in preview(
        owner_client, wax, quantity="1500", unit="g"
    )
    assert "3 kg at $1.00/kg, $3.00 in total." in preview(
        owner_client, wax, quantity="3", unit="", unit_cost="1"
    )


def test_the_preview_reports_what_the_service_would_refuse(acme, wax, owner_client):
    assert "Beeswax has no density, so ml can't be turned into kg." in preview(
        owner_client, wax, quantity="500", unit="ml", unit_cost="1"
    )
    assert "Enter the quantity as a number" in preview(owner_client, wax, quantity="x", unit="g")
    assert preview(owner_client, wax) == ""


@pytest.mark.parametrize(
    ("stock_unit", "density", "fields"),
    [
        ("kg", None, {"quantity": "500", "unit": "g", "unit_cost": "0.01"}),
        ("kg", None, {"quantity": "3", "unit": "lb", "total_cost": "17.99"}),
        ("g", D("0.91"), {"quantity": "1", "unit": "cup", "unit_cost": "3.3"}),
        ("ml", D("0.91"), {"quantity": "7", "unit": "oz", "unit_cost": "0.77"}),
        ("ml", None, {"quantity": "3", "unit": "scoops", "unit_cost": "0.5"}),
        ("g", None, {"quantity": "2", "unit": "bar", "total_cost": "3"}),
        ("each", None, {"quantity": "12", "unit": "each", "total_cost": "10"}),
        ("mg", None, {"quantity": "0.0001", "unit": "oz", "unit_cost": "333"}),
    ],
)
def test_the_preview_is_exactly_the_lot_receive_creates(
    acme, owner_client, stock_unit, density, fields
):
    services.create_custom_unit(name="scoop", quantity="2", unit="tbsp")
    services.create_custom_unit(name="bar", quantity="113.4", unit="g", kind="count")
    item = ItemFactory(name="Thing", stock_unit=stock_unit, density_g_per_ml=density)
    expected = services.preview_receive(item=item, **fields)
    shown = preview(owner_client, item, **fields)

    receive(owner_client, item, **fields)

    lot = Lot.objects.get(item=item)
    assert (expected.stock_quantity, expected.unit_cost) == (lot.quantity_received, lot.unit_cost)
    quantity = f"{format_amount(lot.quantity_received)} {stock_unit}"
    cost = f"{format_unit_money(lot.unit_cost)}/{stock_unit}"
    assert f"{quantity} at {cost}, " in shown


def test_a_service_error_lands_on_the_field_it_is_about(acme, wax, owner_client):
    response = receive(
        owner_client, wax, quantity="1", unit="kg", unit_cost="1", expires_on="2001-01-01"
    )
    assert response.context["form"].errors == {
        "expires_on": ["The expiry date must be after the date the stock was received."]
    }
    response = receive(owner_client, wax, quantity="1", unit="ml", unit_cost="1")
    assert list(response.context["form"].errors) == ["__all__"]  # the density is set on the item
    response = receive(owner_client, wax, quantity="1", unit="kg", unit_cost="x")
    assert response.context["form"].errors == {
        "unit_cost": ["Enter the cost as a number, for example 250 or 12.5."]
    }


def test_receiving_offers_the_next_item_never_stocked(acme, wax):
    client, _ = client_as(acme, "owner")
    jar = ItemFactory(name="Amber jar", kind="container", stock_unit="each")
    ItemFactory(name="Archived oil", is_archived=True)
    received = client.post(
        f"/inventory/items/{wax.pk}/receive/",
        {"quantity": "1", "unit": "kg", "unit_cost": "12"},
        follow=True,
    )
    assert f'Next: <a href="/inventory/items/{jar.pk}/receive/">Receive Amber jar</a>.' in (
        page_text(received)
    )
    # Once everything has been stocked, nothing more is offered.
    done = client.post(
        f"/inventory/items/{jar.pk}/receive/",
        {"quantity": "6", "unit": "each", "unit_cost": "1"},
        follow=True,
    )
    assert "Next:" not in page_text(done)
