"""One item's page: its lots, cost and value, the paginated ledger with actors and references, the
library it came from, and a query count that does not grow with its lots or movements."""

from __future__ import annotations

from datetime import UTC, datetime

from django_tenants.utils import tenant_context

from inventory import services
from inventory.models import Item
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import ItemFactory, ago, ahead, stock
from tests.inventory_pages.conftest import library_entry, measure, own_statements, plain, rows

# item_detail's preferences + annotated item + prefetched open lots, the page's preferences (lot
# status window), and the ledger page's count and rows.
DETAIL_PAGE_STATEMENTS = 6
ACTOR_LOOKUP = 'FROM "tenants_user" WHERE "tenants_user"."id" IN'


def day(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d")


def test_lots_show_remaining_cost_expiry_status_supplier_and_code(acme, viewer_client):
    wax = ItemFactory(name="Beeswax", stock_unit="kg")
    old = stock(wax, 10, "1.00", days_ago=40, expires_at=ago(1))
    fresh = stock(
        wax,
        "500",
        "0.01",
        unit="g",
        days_ago=2,
        expires_at=ahead(200),
        supplier="Hive & Co",
        supplier_lot_code="H-1",
    )
    curing = stock(wax, 20, "1.25", days_ago=1, hold_until=ahead(14))
    services.adjust(item=wax, kind="spoil", quantity=1)  # oldest first: from the expired lot

    response = viewer_client.get(f"/inventory/items/{wax.pk}/")

    assert rows(response, table=0) == [
        f"{old.code} {day(old.received_at)} 9 of 10 kg $1.00/kg {day(old.expires_at)} Expired — — "
        f"Documents",
        f"{fresh.code} {day(fresh.received_at)} 0.5 of 0.5 kg $10.00/kg {day(fresh.expires_at)} "
        f"Available Hive & Co H-1 Documents",
        f"{curing.code} {day(curing.received_at)} 20 of 20 kg $1.25/kg — "
        f"Curing until {day(curing.hold_until)} — — Documents",
    ]
    text = plain(response)
    assert "On hand 29.5 kg 0.5 kg ready to use" in text
    # (9 x 1.00 + 0.5 x 10.00 + 20 x 1.25) / 29.5 = 1.3220...
    assert "Average cost $1.32/kg weighted by what is on hand" in text
    assert "Stock value $39.00" in text


def test_used_up_lots_leave_the_lot_table_but_stay_in_the_ledger(acme, viewer_client):
    oil = ItemFactory(name="Olive oil")
    first = stock(oil, 100, "1.00", days_ago=2)
    stock(oil, 100, "2.00", days_ago=1)
    services.consume(item=oil, quantity=150)
    response = viewer_client.get(f"/inventory/items/{oil.pk}/")
    assert [row.split(" ")[0] for row in rows(response, table=0)] == [f"L{first.pk + 1}"]
    assert sum(f"L{first.pk} " in row for row in rows(response, table=1)) == 2


def test_ledger_rows_show_kind_signed_quantity_cost_reference_and_actor(acme, viewer_client):
    alice = make_member(acme, "production", email="alice@example.com")
    bob = make_member(acme, "admin", email="bob@example.com")
    oil = ItemFactory(name="Olive oil", stock_unit="g")
    lot = stock(oil, 1000, "0.02", actor_id=alice.pk, days_ago=1)
    services.consume(item=oil, quantity=250, reference=("batch", 7), actor_id=bob.pk)
    services.consume(item=oil, quantity=50, reference=("sku_deduction", 3))
    services.adjust(item=oil, kind="gift", quantity=10, actor_id=bob.pk, note="For the market")

    response = viewer_client.get(f"/inventory/items/{oil.pk}/")
    ledger = [row.split(" ", 2)[2] for row in rows(response, table=1)]  # drop the date and time

    assert ledger == [
        f"Gift -10 g $0.02/g L{lot.pk} — bob@example.com For the market",
        f"Used in production -50 g $0.02/g L{lot.pk} Sale #3 —",
        f"Used in production -250 g $0.02/g L{lot.pk} Batch #7 bob@example.com",
        f"Received +1,000 g $0.02/g L{lot.pk} — alice@example.com",
    ]
    assert 'href="/batches/7/"' in page_text(response)


def test_the_ledger_is_paginated_newest_first(acme, viewer_client):
    oil = ItemFactory(name="Olive oil")
    stock(oil, 2000, "1.00", days_ago=1)
    for n in range(59):
        services.consume(item=oil, quantity=n + 1)
    first = viewer_client.get(f"/inventory/items/{oil.pk}/")
    second = viewer_client.get(f"/inventory/items/{oil.pk}/?page=2")
    assert len(rows(first, table=1)) == 50
    assert "Used in production -59 g" in rows(first, table=1)[0]
    assert "Page 1 of 2" in page_text(first)
    assert [r.split(" ", 2)[2].split(" $")[0] for r in rows(second, table=1)] == [
        *(f"Used in production -{n} g" for n in range(9, 0, -1)),
        "Received +2,000 g",
    ]


def test_a_linked_item_shows_what_the_library_says(acme, viewer_client):
    entry = library_entry(
        "Pages test sweet almond oil",
        inci_name="Prunus Amygdalus Dulcis Oil",
        allergens=["Tree nuts (almond)"],
        density_g_per_ml="0.9100",
        category="oil",
    )
    item = services.create_item(
        organization=acme,
        name=entry.name,
        stock_unit="g",
        density_g_per_ml="0.91",
        library_item_id=entry.pk,
    )
    text = page_text(viewer_client.get(f"/inventory/items/{item.pk}/"))
    assert "INCI: Prunus Amygdalus Dulcis Oil." in text
    assert "Allergens: Tree nuts (almond)." in text
    assert "Density: 0.91 g/ml" in text


def _lots(item: Item, start: int, stop: int, actors: list[int]) -> None:
    for n in range(start, stop):
        stock(
            item,
            10,
            f"1.{n:02d}",
            days_ago=100 - n,
            actor_id=actors[n % len(actors)],
            expires_at=ahead(n + 1) if n % 3 else None,
            hold_until=ahead(2) if n % 5 == 0 else None,
            supplier=f"Supplier {n % 4}",
            supplier_lot_code=f"S-{n}",
        )


def test_detail_query_count_is_pinned_and_does_not_grow_with_lots(acme, viewer_client):
    actors = [make_member(acme, "production").pk for _ in range(3)]
    oil = ItemFactory(name="Olive oil")
    _lots(oil, 0, 5, actors)
    small, small_sql = measure(viewer_client, f"/inventory/items/{oil.pk}/")
    _lots(oil, 5, 50, actors)
    services.consume(item=oil, quantity=5, actor_id=actors[0], reference=("batch", 1))
    large, large_sql = measure(viewer_client, f"/inventory/items/{oil.pk}/")

    assert (len(rows(small, table=0)), len(rows(large, table=0))) == (5, 50)
    assert (len(rows(small, table=1)), len(rows(large, table=1))) == (5, 50)
    assert len(large_sql) == len(small_sql)
    assert own_statements(large_sql) == own_statements(small_sql) == DETAIL_PAGE_STATEMENTS
    assert sum(ACTOR_LOOKUP in sql for sql in large_sql) == 1


def test_another_workspaces_item_is_not_found(org_a, org_b):
    with tenant_context(org_b):
        theirs = ItemFactory(name="Globex wax")
        stock(theirs, 10)
    with tenant_context(org_a):
        assert not Item.objects.filter(pk=theirs.pk).exists()
    ours = workspace_client(make_member(org_a, "owner"), org_a)
    base = f"/inventory/items/{theirs.pk}"
    for path in ("/", "/edit/", "/receive/", "/receive/preview/?quantity=1", "/adjust/"):
        assert ours.get(base + path).status_code == 404, path
    for path in ("/unlink/", "/archive/", "/restore/", "/receive/", "/adjust/"):
        assert ours.post(base + path, {}).status_code == 404, path
    assert ours.post(f"/inventory/units/density/{theirs.pk}/", {}).status_code == 404
    theirs_client = workspace_client(make_member(org_b, "viewer"), org_b)
    assert theirs_client.get(base + "/").status_code == 200
