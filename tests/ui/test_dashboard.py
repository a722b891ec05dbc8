"""The dashboard: what needs the maker today, each thing with its next action one click away."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from batches.models import BatchTimer
from batches.services import plan_batch, start_batch, start_timer
from inventory.services import receive
from products.services import create_product, create_sku
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.conftest import CountStatements
from tests.inventory.factories import ago, ahead
from tests.recipes.factories import make_item, make_recipe, stock
from workspace.selectors.dashboard import SHOWN, today


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


def section(response, heading: str) -> str:
    """The HTML of the dashboard card with `heading` ("" when it isn't there)."""
    html = page_text(response)
    start = html.find(f">{heading}</h3>")
    if start < 0:
        return ""
    return html[start : html.find("</section>", start)]


def test_quiet_workspace_says_nothing_needs_you(owner_client):
    response = owner_client.get("/")
    assert response.status_code == 200
    assert "Nothing needs you right now." in text(response)


def test_low_stock_item_offers_to_receive_it(acme, owner_client):
    wax = make_item("Beeswax", low_stock_threshold="500")
    stock(wax, "200", "0.02")
    card = section(owner_client.get("/"), "Running low")
    assert "<strong>Beeswax</strong>" in card
    assert "200 g left; you reorder below 500 g." in card
    assert f'href="/inventory/items/{wax.pk}/receive/"' in card


def test_expired_lot_offers_to_dispose_of_it(acme, owner_client):
    oil = make_item("Olive oil")
    lot = stock(oil, "300", "0.01", days_ago=10, expires_at=ago(2))
    card = section(owner_client.get("/"), "Expired stock")
    assert f"<strong>Olive oil</strong>, {lot.code}" in card
    assert "300 g expired on" in card
    assert f'href="/inventory/items/{oil.pk}/adjust/"' in card


def test_expiring_lists_lots_within_fourteen_days_only(acme, owner_client):
    soon = make_item("Shea butter")
    later = make_item("Cocoa butter")
    stock(soon, "100", "0.02", expires_at=ahead(13))
    stock(later, "100", "0.02", expires_at=ahead(15))
    card = section(owner_client.get("/"), "Expiring within 14 days")
    assert "Shea butter" in card
    assert "Cocoa butter" not in card
    assert f'href="/inventory/items/{soon.pk}/"' in card


def test_a_viewer_sees_the_lists_without_the_actions(acme):
    wax = make_item("Beeswax", low_stock_threshold="500")
    stock(wax, "200", "0.02", days_ago=10, expires_at=ago(1))
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    response = viewer.get("/")
    low, expired = section(response, "Running low"), section(response, "Expired stock")
    assert "Beeswax" in low and "Beeswax" in expired
    assert "/receive/" not in low and "/adjust/" not in expired
    assert f'href="/inventory/items/{wax.pk}/"' in low
    assert "Start a batch" not in text(response)


def _sku(name: str = "Castile bar"):
    product = create_product(name=name)
    return create_sku(product=product, price="8.50")


def test_cured_product_lot_offers_to_record_a_sale(acme, owner_client):
    sku = _sku()
    lot = receive(item=sku.item, quantity="12", unit_cost="1.50", hold_until=ago(3))
    card = section(owner_client.get("/"), "Done curing, ready to use")
    assert f", {lot.code}" in card
    assert "12 pieces, ready since" in card
    assert f'href="/products/skus/{sku.pk}/"' in card


def test_stock_held_for_an_order_offers_to_sell_or_release_it(acme, owner_client):
    from products.services import hold, sell_hold

    sku = _sku()
    receive(item=sku.item, quantity="12", unit_cost="1.50")
    held = hold(sku=sku, quantity="5", note="Order 1042")
    card = section(owner_client.get("/"), "Held for orders")
    assert f"5 pieces {sku.product.name}" in card and "for Order 1042, since" in card
    assert f'href="/products/skus/{sku.pk}/"' in card
    sell_hold(reservation=held)
    assert section(owner_client.get("/"), "Held for orders") == ""


def test_a_lot_still_curing_or_long_cured_is_not_listed(acme, owner_client):
    sku = _sku()
    receive(item=sku.item, quantity="5", unit_cost="1", hold_until=ahead(3))
    receive(item=sku.item, quantity="5", unit_cost="1", hold_until=ago(30))
    assert section(owner_client.get("/"), "Done curing, ready to use") == ""


def _recipe_with_stock():
    oil = make_item("Olive oil")
    stock(oil, "5000", "0.01")
    return make_recipe("Castile soap", [(oil, "500", "g")])


def test_batches_in_progress_offer_finish_and_plans_offer_the_guided_start(acme, owner_client):
    recipe = _recipe_with_stock()
    running = start_batch(batch=plan_batch(version=recipe.current_version))
    planned = plan_batch(version=recipe.current_version, factor="2")
    response = owner_client.get("/")
    in_progress = section(response, "Batches in progress")
    assert running.code in in_progress
    assert f'href="/guide/batches/{running.pk}/finish/"' in in_progress
    plans = section(response, "Planned, not started")
    assert f"Plan #{planned.pk}" in plans
    assert f'href="/guide/batches/{planned.pk}/check/"' in plans


def test_timers_running_and_run_out(acme, owner_client):
    recipe = _recipe_with_stock()
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    gel = start_timer(batch=batch, name="Gel phase", duration=timedelta(hours=24))
    cut = start_timer(batch=batch, name="Cut", duration=timedelta(seconds=1))
    # Its second has passed: started two seconds ago (rather than waiting one out).
    BatchTimer.objects.filter(pk=cut.pk).update(
        running_since=timezone.now() - timedelta(seconds=2),
        started_at=timezone.now() - timedelta(seconds=2),
    )
    response = owner_client.get("/")
    running = section(response, "Timers running")
    assert "Gel phase" in running and "Cut" not in running
    overdue = section(response, "Timers that have run out")
    assert "<strong>Cut</strong>" in overdue and "Gel phase" not in overdue
    assert f'action="/batches/timers/{cut.pk}/complete/"' in overdue
    assert gel.pk != cut.pk


def test_lists_show_a_few_rows_and_link_to_the_rest(acme, owner_client):
    for n in range(SHOWN + 2):
        stock(make_item(f"Wax {n}", low_stock_threshold="10"), "1", "1")
    response = owner_client.get("/")
    card = section(response, "Running low")
    assert card.count("<strong>Wax") == SHOWN
    assert 'href="/inventory/?low=1"' in card


def test_today_selector_splits_timers_at_the_given_time(acme):
    recipe = _recipe_with_stock()
    batch = start_batch(batch=plan_batch(version=recipe.current_version))
    start_timer(batch=batch, name="Gel phase", duration=timedelta(hours=1))
    now = timezone.now()
    assert [t.name for t in today(now=now).running_timers] == ["Gel phase"]
    later = today(now=now + timedelta(hours=2))
    assert [t.name for t in later.overdue_timers] == ["Gel phase"]
    assert later.running_timers.rows == []


def test_today_leaves_out_what_the_member_may_not_see(acme):
    make_item("Beeswax", low_stock_threshold="5")
    with CountStatements() as sql:
        nothing = today(now=timezone.now(), inventory=False, batches=False, products=False)
    assert len(sql) == 0
    assert nothing.needs_attention == 0


def test_value_by_kind_sums_the_lots_on_hand(acme, owner_client):
    oil = make_item("Olive oil")
    stock(oil, "1000", "0.01")
    jar = make_item("Amber jar", unit="each", kind="container")
    stock(jar, "20", "0.75")
    body = text(owner_client.get("/"))
    assert "Stock on hand is worth $25.00 in all; container $15.00; ingredient $10.00." in body
