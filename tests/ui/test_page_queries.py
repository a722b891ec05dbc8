"""Every main page reads in a pinned number of statements on the demo data, and the same number once the
workspace holds three times as much: no page grows with the data. The target is at most 15."""

from __future__ import annotations

from django.utils import timezone

from batchtrack.search import trigrams_available
from tests.ui.conftest import statements
from workspace.main_pages import main_page_paths
from workspace.sample_volume import grow
from workspace.services import note_checklist_done_seen

TARGET = 15
# Statements per page (django-tenants' SET search_path and savepoints left out). Six of them are the
# layout's on every workspace page: domain, session, user, membership, the switcher's other
# workspaces and the unread-notifications badge.
PAGES = {
    "dashboard": 15,
    "inventory list": 10,  # the tags in use, for the tag filter
    "item": 12,
    "receive": 9,  # the supplier directory for the supplier choice
    "recipes list": 8,  # the tags in use, for the tag filter
    "recipe": 14,
    "recipe edit": 13,
    "batches list": 7,
    "batch": 14,
    "start: recipe": 7,
    "start: how much": 10,
    "start: stock check": 13,
    "finish: how much": 7,
    "finish: where": 8,
    "held for orders": 7,
    "products list": 7,
    "product": 11,
    "sku": 12,
    "reports": 7,
    "members": 8,
    "billing": 11,
    "notifications": 7,
    "item chart": 8,
    "recipe chart": 8,
    "search": 12,  # one statement per kind searched
}


def paths() -> dict[str, str]:
    return main_page_paths()


def counts(client) -> dict[str, int]:
    found = {}
    for name, path in paths().items():
        response, sql = statements(client, path)
        assert response.status_code == 200, path
        found[name] = len(sql)
    return found


def test_main_pages_read_a_pinned_number_of_statements_that_does_not_grow(
    demo, owner, owner_client
):
    trigrams_available()  # asked once per process, not per page
    # The dashboard says once that the checklist is done (one INSERT); count the pages after it.
    note_checklist_done_seen(user_id=owner.pk, now=timezone.now())
    small = counts(owner_client)
    grow(organization=demo, owner=owner, copies=2)
    large = counts(owner_client)
    assert small == PAGES
    assert large == small
    assert max(small.values()) <= TARGET


def test_the_recipe_page_with_a_shopping_list_stays_within_the_target(demo, owner_client):
    path = paths()["recipe"] + "?factor=1&batches=100"
    response, sql = statements(owner_client, path)
    assert "Shopping list for 100 batches" in response.content.decode()
    # One more than the plain page: the newest lot cost of the items to buy.
    assert len(sql) == PAGES["recipe"] + 1 <= TARGET
