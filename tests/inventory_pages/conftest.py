"""Fixtures for the inventory pages: members of the acme workspace by role, their clients, and a
snapshot of everything inventory holds (a refused write must leave it unchanged)."""

from __future__ import annotations

import re

import pytest
from django_tenants.utils import tenant_context

from inventory.models import CustomUnit, Item, Lot, Movement, Reservation
from library.models import LibraryItem
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.conftest import CountStatements


@pytest.fixture
def acme(org_a):
    """Run the test inside the acme workspace's schema (its pages switch to the same schema)."""
    with tenant_context(org_a):
        yield org_a


def client_as(org, role: str):
    """A signed-in client of a new member with `role`, and the member."""
    member = make_member(org, role)
    return workspace_client(member, org), member


@pytest.fixture
def owner_client(acme):
    return client_as(acme, "owner")[0]


@pytest.fixture
def viewer_client(acme):
    return client_as(acme, "viewer")[0]


def inventory_state() -> dict:
    """Everything inventory holds, to compare before and after a refused write."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Item, Lot, Movement, Reservation, CustomUnit)
    }


def library_entry(name: str = "Pages test shea butter", **fields) -> LibraryItem:
    """A library row of our own (the seed migration's rows may have been flushed by other tests)."""
    defaults = {"kind": "ingredient", "category": "butter", "default_unit": "g", **fields}
    entry, _ = LibraryItem.objects.update_or_create(name=name, defaults=defaults)
    return entry


def own_statements(statements: list[str]) -> int:
    """How many of a page's statements read inventory tables."""
    return sum('"inventory_' in sql for sql in statements)


def rows(response, table: int = 0) -> list[str]:
    """The text of each body row of the page's `table`-th table, tags stripped, spaces collapsed."""
    body = page_text(response).split("<tbody>")[table + 1].split("</tbody>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>") if row.strip()
    ]


def plain(response) -> str:
    """The page's main content as text: tags stripped, spaces collapsed."""
    main = page_text(response).split("<main", 1)[-1]
    return " ".join(re.sub(r"<[^>]+>", " ", "<" + main).split())


def names(response) -> list[str]:
    """The item names the page lists, in order."""
    return re.findall(r'<a href="/inventory/items/\d+/">([^<]+)</a>', page_text(response))


def measure(client, path: str):
    client.get(path)  # warm the session like any later request
    with CountStatements() as statements:
        response = client.get(path)
    assert response.status_code == 200
    return response, statements.statements
