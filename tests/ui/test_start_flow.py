"""Starting a batch, guided: recipe -> how much -> stock check (a shortfall says what is missing and
how to fix it) -> start, with undo; and receiving from the flow."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from batches.models import Batch
from batches.services import plan_batch, start_batch
from inventory.models import Item, Lot, Movement
from tests.conftest import make_member, page_text, workspace_client
from tests.recipes.factories import make_item, make_recipe, stock


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


@pytest.fixture
def soap(acme):
    """A published soap recipe: 500 g olive oil and 100 g lye per batch of 10 bars; olive oil for
    four batches on hand, lye for one and a half."""
    oil = make_item("Olive oil")
    lye = make_item("Sodium hydroxide")
    stock(oil, "2000", "0.01")
    stock(lye, "150", "0.004")
    return make_recipe(
        "Castile soap", [(oil, "500", "g"), (lye, "100", "g")], portion_name="bar", prefix="CAS"
    )


def stock_state() -> dict:
    return {
        "items": list(Item.objects.order_by("pk").values("pk", "on_hand")),
        "lots": list(Lot.objects.order_by("pk").values("pk", "quantity_remaining")),
        "movements": Movement.objects.count(),
    }


def test_step_one_lists_published_recipes_and_counts_drafts(soap, owner_client):
    make_recipe("Draft soap", [(Item.objects.get(name="Olive oil"), "1", "g")], publish=False)
    response = owner_client.get("/guide/start/")
    body = text(response)
    assert f'href="/guide/start/{soap.pk}/"' in page_text(response)
    assert "Castile soap version 1 makes 10 bars" in body
    assert "Draft soap" not in body
    assert "1 recipe is still a draft" in body
    assert 'aria-current="step"' in page_text(response)


def test_step_two_offers_sizes_and_what_stock_allows(soap, owner_client):
    body = text(owner_client.get(f"/guide/start/{soap.pk}/"))
    assert "One batch of version 1 makes 10 bars." in body
    assert "Half a batch: 5 bars" in body and "Double: 20 bars" in body
    assert (
        "Your stock ready to use (on the shelf, not curing, not past its date, not held for orders) is enough for 1 batch at one batch's size"
        in body
    )
    assert "Sodium hydroxide would run out first" in body


def test_choosing_a_size_plans_the_batch_and_shows_the_check(soap, owner_client):
    response = owner_client.post(f"/guide/start/{soap.pk}/", {"size": "2"})
    batch = Batch.objects.get()
    assert response["Location"] == f"/guide/batches/{batch.pk}/check/"
    assert (batch.status, batch.scale, batch.planned_yield) == (
        "planned",
        Decimal("2"),
        Decimal("20"),
    )


def test_another_amount_takes_a_target_yield(soap, owner_client):
    owner_client.post(
        f"/guide/start/{soap.pk}/",
        {"size": "other", "target": "15", "target_unit": "each"},
    )
    assert Batch.objects.get().scale == Decimal("1.5")


def test_another_amount_without_a_number_asks_for_one(soap, owner_client):
    response = owner_client.post(f"/guide/start/{soap.pk}/", {"size": "other"})
    assert response.status_code == 200
    assert "Enter a scale (such as 1.5) or an amount to make." in text(response)
    assert not Batch.objects.exists()


def test_an_impossible_scale_is_explained_and_nothing_is_planned(soap, owner_client):
    response = owner_client.post(f"/guide/start/{soap.pk}/", {"size": "other", "factor": "5000"})
    assert (
        "That is 5,000 times the recipe; a batch can be scaled between 0.001 and 1,000 times."
        in text(response)
    )
    assert not Batch.objects.exists()


def test_the_check_names_the_shortfall_and_how_to_fix_it(soap, owner_client):
    batch = plan_batch(version=soap.current_version, factor="2")
    lye = Item.objects.get(name="Sodium hydroxide")
    response = owner_client.get(f"/guide/batches/{batch.pk}/check/")
    body = text(response)
    assert "1 item short. Nothing has been used." in body
    assert "You need 50 g more Sodium hydroxide: this needs 200 g and 150 g is available." in body
    assert "Receive 50 g of Sodium hydroxide" in body
    assert f'href="/guide/batches/{batch.pk}/receive/{lye.pk}/"' in page_text(response)
    assert "Make 15 bars instead" in body
    assert "The most your stock allows now: Sodium hydroxide would run out first." in body
    assert f'href="/guide/batches/{batch.pk}/confirm/"' not in page_text(response)


def test_confirm_is_not_offered_while_short(soap, owner_client):
    batch = plan_batch(version=soap.current_version, factor="2")
    response = owner_client.get(f"/guide/batches/{batch.pk}/confirm/")
    assert response["Location"] == f"/guide/batches/{batch.pk}/check/"


def test_starting_while_short_changes_nothing_and_returns_to_the_check(soap, owner_client):
    batch = plan_batch(version=soap.current_version, factor="2")
    before = stock_state()
    response = owner_client.post(f"/guide/batches/{batch.pk}/confirm/")
    assert response["Location"] == f"/guide/batches/{batch.pk}/check/"
    assert stock_state() == before
    assert Batch.objects.get(pk=batch.pk).status == "planned"
    page = text(owner_client.get(response["Location"]))
    assert "One ingredient is short, so the batch was not started and no stock was used." in page


def test_receiving_the_shortfall_from_the_flow_returns_to_a_ready_check(soap, owner_client):
    batch = plan_batch(version=soap.current_version, factor="2")
    lye = Item.objects.get(name="Sodium hydroxide")
    path = f"/guide/batches/{batch.pk}/receive/{lye.pk}/"
    form = page_text(owner_client.get(path))
    assert 'value="50"' in form  # the quantity starts at what is short
    assert f'hx-get="/inventory/items/{lye.pk}/receive/preview/"' in form
    response = owner_client.post(path, {"quantity": "50", "unit": "g", "unit_cost": "0.004"})
    assert response["Location"] == f"/guide/batches/{batch.pk}/check/"
    assert Item.objects.get(pk=lye.pk).on_hand == Decimal("200")
    page = text(owner_client.get(response["Location"]))
    assert "You have everything this batch needs." in page


def test_a_refused_receive_stays_on_the_form_and_changes_nothing(soap, owner_client):
    batch = plan_batch(version=soap.current_version, factor="2")
    lye = Item.objects.get(name="Sodium hydroxide")
    before = stock_state()
    response = owner_client.post(
        f"/guide/batches/{batch.pk}/receive/{lye.pk}/",
        {"quantity": "50", "unit": "ml", "unit_cost": "0.004"},
    )
    assert response.status_code == 200
    assert "Sodium hydroxide has no density" in text(response)
    assert stock_state() == before


def test_confirming_starts_the_batch_and_offers_finish_and_undo(soap, owner_client):
    batch = plan_batch(version=soap.current_version)
    assert "Start the batch now?" in text(owner_client.get(f"/guide/batches/{batch.pk}/confirm/"))
    response = owner_client.post(f"/guide/batches/{batch.pk}/confirm/")
    assert response["Location"] == f"/guide/batches/{batch.pk}/started/"
    batch.refresh_from_db()
    assert batch.status == "in_progress"
    page = owner_client.get(response["Location"])
    assert f"Batch {batch.code} is running" in text(page)
    assert f'href="/guide/batches/{batch.pk}/finish/"' in page_text(page)
    assert f'action="/guide/batches/{batch.pk}/undo/"' in page_text(page)


def test_undo_puts_everything_back_on_its_lots(soap, owner_client):
    before = stock_state()
    batch = start_batch(batch=plan_batch(version=soap.current_version))
    assert stock_state() != before
    response = owner_client.post(f"/guide/batches/{batch.pk}/undo/")
    assert response["Location"] == "/"
    batch.refresh_from_db()
    assert (batch.status, batch.end_reason) == ("cancelled", "Undone right after starting")
    after = stock_state()
    assert (after["items"], after["lots"]) == (before["items"], before["lots"])
    assert "everything it used is back where it came from" in text(owner_client.get("/"))


def test_undo_of_a_batch_that_is_not_running_changes_nothing(soap, owner_client):
    batch = plan_batch(version=soap.current_version)
    response = owner_client.post(f"/guide/batches/{batch.pk}/undo/")
    assert response["Location"] == f"/batches/{batch.pk}/"
    assert Batch.objects.get(pk=batch.pk).status == "planned"


def test_a_smaller_batch_discards_the_plan_and_asks_again(soap, owner_client):
    batch = plan_batch(version=soap.current_version, factor="2")
    response = owner_client.post(f"/guide/batches/{batch.pk}/discard/", {"then": "smaller"})
    assert response["Location"] == f"/guide/start/{soap.pk}/"
    assert Batch.objects.get(pk=batch.pk).status == "cancelled"


def test_steps_of_a_started_batch_lead_to_its_started_page(soap, owner_client):
    batch = start_batch(batch=plan_batch(version=soap.current_version))
    for step in ("check", "confirm"):
        response = owner_client.get(f"/guide/batches/{batch.pk}/{step}/")
        assert response["Location"] == f"/guide/batches/{batch.pk}/started/"


def test_a_viewer_may_not_start_batches(soap, acme):
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    batch = plan_batch(version=soap.current_version)
    assert viewer.get("/guide/start/").status_code == 403
    assert viewer.post(f"/guide/batches/{batch.pk}/confirm/").status_code == 403
    assert Batch.objects.get(pk=batch.pk).status == "planned"


def test_receive_chooser_sends_to_the_items_receive_page(acme, owner_client):
    oil = make_item("Olive oil")
    assert "Which item arrived?" in text(owner_client.get("/guide/receive/"))
    response = owner_client.get("/guide/receive/", {"item": oil.pk})
    assert response["Location"] == f"/inventory/items/{oil.pk}/receive/"


def test_receive_chooser_without_items_points_to_the_library(owner_client):
    body = text(owner_client.get("/guide/receive/"))
    assert "Nothing to receive into yet" in body
