"""The recall page takes an ingredient's name (with typos) as well as a lot code, and lists the
deliveries and batches (lots) to pick from."""

from __future__ import annotations

from batches.selectors import recall_candidates
from inventory.models import Lot
from tests.conftest import page_text


def test_a_name_lists_that_items_lots_to_pick_from(demo, trigrams, owner_client):
    olive = list(Lot.objects.filter(item__name="Olive oil").order_by("-received_at"))
    assert len(olive) >= 2
    page = page_text(owner_client.get("/trace/recall/", {"q": "olve oil"}))
    assert "Several deliveries or batches match; choose one:" in page
    for lot in olive:
        assert f'<a href="?q=olve%20oil&lot={lot.pk}">{lot.code} · Olive oil' in page


def test_picking_a_lot_of_the_named_item_shows_its_trace(demo, trigrams, owner_client):
    lot = Lot.objects.get(supplier_lot_code="OL-2411")
    page = page_text(owner_client.get("/trace/recall/", {"q": "olive oil", "lot": lot.pk}))
    assert f"{lot.code} · Olive oil (supplier's batch number OL-2411)" in page


def test_codes_come_before_names(demo):
    lot = Lot.objects.get(supplier_lot_code="OL-2411")
    assert recall_candidates("ol-2411")[0] == lot
    assert recall_candidates(lot.code)[0] == lot


def test_a_name_nothing_has_says_so(demo, owner_client):
    page = page_text(owner_client.get("/trace/recall/", {"q": "unobtainium"}))
    assert "Nothing has the code unobtainium, and no ingredient in stock is called that." in page
