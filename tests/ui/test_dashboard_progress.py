"""The dashboard answers "how am I doing": stock curing and when it is ready, this week's and this
month's sales and profit, what Reports would add on the Free plan, and the checklist's end, once."""

from __future__ import annotations

from django.utils import timezone

from inventory.services import receive
from products.services import create_product, create_sku
from sales.services import LineInput, create_order, fulfil_order
from tests.billing.helpers import set_billing
from tests.conftest import make_member, workspace_client
from tests.inventory.factories import ago, ahead
from tests.ui.test_dashboard import section, text
from workspace.models import ChecklistDoneSeen
from workspace.selectors.dashboard import SHOWN, today


def _sku(name: str = "Olive Coconut Bar", price: str = "8.50"):
    return create_sku(product=create_product(name=name), price=price)


def test_curing_stock_is_listed_soonest_ready_first_with_a_release(acme, owner_client):
    sku = _sku()
    later = receive(item=sku.item, quantity="4", unit_cost="1", hold_until=ahead(20))
    soon = receive(item=sku.item, quantity="10", unit_cost="1", hold_until=ahead(3))
    receive(item=sku.item, quantity="7", unit_cost="1", hold_until=ago(1))  # ready already
    card = section(owner_client.get("/"), "Still curing")
    assert card.index(f"/inventory/lots/{soon.pk}/release/") < card.index(
        f"/inventory/lots/{later.pk}/release/"
    )
    assert "10 each, ready " in card and "4 each, ready " in card
    assert "7 each" not in card
    assert "Release early" in card


def test_curing_stock_counts_what_the_list_leaves_out(acme):
    sku = _sku()
    for day in range(SHOWN + 2):
        receive(item=sku.item, quantity="1", unit_cost="1", hold_until=ahead(day + 1))
    found = today(now=timezone.now())
    assert (len(found.curing), found.curing_total, found.curing_more) == (SHOWN, SHOWN + 2, 2)
    assert [lot.hold_until for lot in found.curing] == sorted(
        lot.hold_until for lot in found.curing
    )
    assert found.needs_attention == 0  # curing informs; nothing to do yet


def test_a_viewer_sees_what_is_curing_without_the_release(acme):
    sku = _sku()
    receive(item=sku.item, quantity="10", unit_cost="1", hold_until=ahead(3))
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    card = section(viewer.get("/"), "Still curing")
    assert "10 each, ready" in card
    assert "Release early" not in card


def test_the_week_and_month_show_sales_cost_and_profit(acme, owner_client):
    sku = _sku(price="8.50")
    receive(item=sku.item, quantity="10", unit_cost="2.00")
    fulfil_order(order=create_order(lines=[LineInput(sku=sku, quantity="2")]))
    card = text(owner_client.get("/"))
    week = card[card.index("This week") : card.index("This month")]
    month = card[card.index("This month") :]
    for period in (week, month):
        assert "Sales $17.00" in period
        assert "Cost of goods $4.00" in period
        assert "Gross profit $13.00 (76.5% of sales)" in period


def test_members_without_money_reports_see_no_figures(acme):
    production = workspace_client(make_member(acme, "production"), acme)
    page = text(production.get("/"))
    assert "Sales and profit" not in page


def test_a_free_plan_owner_sees_what_reports_would_give_and_how_to_upgrade(acme, owner_client):
    set_billing(acme, tier="free")
    card = section(owner_client.get("/"), "Sales and profit")
    assert "would show these figures by month, product and size" in card
    assert "Sales and profit reports" in card
    assert 'href="/billing/"' in card and "Upgrade to Maker ($19 a month)" in card
    admin = workspace_client(make_member(acme, "admin"), acme)
    card = section(admin.get("/"), "Sales and profit")
    assert "ask the workspace's owner" in card and 'href="/billing/"' not in card


def test_a_plan_with_reports_links_to_them_instead(acme, owner_client):
    set_billing(acme, tier="maker", billing_status="active")
    card = section(owner_client.get("/"), "Sales and profit")
    assert "would show" not in card
    assert 'href="/sales/reports/"' in card or "Money reports" in card


def test_the_finished_checklist_is_announced_once_then_hidden(demo, owner, owner_client):
    first = text(owner_client.get("/"))
    assert "Getting started: all 5 steps done" in first
    assert ChecklistDoneSeen.objects.filter(user_id=owner.pk).count() == 1
    again = text(owner_client.get("/"))
    assert "Getting started" not in again
    # Another member is told once too.
    admin = make_member(demo, "admin")
    assert "all 5 steps done" in text(workspace_client(admin, demo).get("/"))
    assert ChecklistDoneSeen.objects.filter(user_id__in=[owner.pk, admin.pk]).count() == 2


def test_an_unfinished_checklist_is_shown_and_nothing_is_recorded(acme, owner, owner_client):
    page = text(owner_client.get("/"))
    assert "Getting started: 0 of 5 done" in page
    assert not ChecklistDoneSeen.objects.filter(user_id=owner.pk).exists()


def test_a_viewer_is_never_told_about_the_checklist(demo):
    viewer = make_member(demo, "viewer")
    assert "Getting started" not in text(workspace_client(viewer, demo).get("/"))
    assert not ChecklistDoneSeen.objects.filter(user_id=viewer.pk).exists()


def test_noting_the_checklist_seen_twice_keeps_one_row(acme, owner):
    from workspace.services import note_checklist_done_seen

    note_checklist_done_seen(user_id=owner.pk, now=timezone.now())
    note_checklist_done_seen(user_id=owner.pk, now=timezone.now())
    assert ChecklistDoneSeen.objects.filter(user_id=owner.pk).count() == 1
