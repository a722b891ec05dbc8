"""Every main page reads in a pinned number of statements on the demo data, and the same number once the
workspace holds three times as much: no page grows with the data. The target is at most 15."""

from __future__ import annotations

import pytest
from django.utils import timezone

from batchtrack.search import trigrams_available
from tests.ui.conftest import statements
from workspace.main_pages import main_page_paths
from workspace.sample_volume import grow
from workspace.services import note_checklist_done_seen

TARGET = 15
# Statements per page (savepoints left out). One of them is the layout's on every workspace page: the
# user. The workspace, session, membership, the switcher's other workspaces and the unread badge come
# from the cache once warm (tenants/request_cache.py, cached_db sessions, notifications.selectors).
PAGES = {
    "dashboard": 8,  # the checklist and the week's and month's sales in one statement
    "inventory list": 5,  # the tags in use, for the tag filter
    "item": 7,
    "receive": 4,  # the supplier directory for the supplier choice
    "recipes list": 3,  # the tags in use, for the tag filter
    "recipe": 9,
    "recipe edit": 8,
    "batches list": 2,
    "batch": 9,
    "start: recipe": 2,
    "start: how much": 5,
    "start: stock check": 8,
    "finish: how much": 2,
    "finish: where": 3,
    "held for orders": 2,
    "products list": 2,
    "product": 6,
    "sku": 7,
    "reports": 2,
    "members": 3,
    "billing": 6,
    "notifications": 2,
    "item chart": 3,
    "recipe chart": 3,
    "search": 7,  # one statement per kind searched
}


@pytest.fixture(autouse=True)
def _request_cache_on(settings):
    settings.TENANCY_CACHE_TTL = 60


def paths() -> dict[str, str]:
    return main_page_paths()


def counts(client) -> dict[str, int]:
    """Statements per page once the per-request caches are warm (a first visit also reads the
    workspace, the memberships and the unread count, see tenants/request_cache.py)."""
    found = {}
    for name, path in paths().items():
        client.get(path)
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
    owner_client.get(path)
    response, sql = statements(owner_client, path)
    assert "Shopping list for 100 batches" in response.content.decode()
    # One more than the plain page: the newest lot cost of the items to buy.
    assert len(sql) == PAGES["recipe"] + 1 <= TARGET
