"""The inventory pages' htmx in a real browser (under the real CSP): the receive preview updates as
the maker types, and the library search filters while typing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from inventory import services
from library.models import LibraryItem
from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.workspace_pages import sign_in

pytestmark = pytest.mark.e2e


def test_receive_preview_updates_while_typing(page: Page, live_port, committed_acme):  # noqa: F811
    wax = services.create_item(organization=committed_acme, name="Beeswax", stock_unit="kg")
    sign_in(page, make_member(committed_acme, "owner"), "acme.localhost")
    page.goto(f"http://acme.localhost:{live_port}/inventory/items/{wax.pk}/receive/")

    page.get_by_label("Quantity").fill("500")
    page.get_by_label("Unit", exact=True).fill("g")
    page.get_by_label("Cost per unit ($)").fill("0.01")
    expect(page.locator("#receive-preview")).to_have_text(
        "500 g = 0.5 kg at $10.00/kg, $5.00 in total."
    )
    page.get_by_label("Unit", exact=True).fill("ml")
    expect(page.locator("#receive-preview")).to_contain_text(
        "Beeswax has no density, so ml can't be turned into kg."
    )
    page.get_by_label("Unit", exact=True).fill("g")
    page.get_by_role("button", name="Receive").click()
    expect(page.get_by_text("Received 0.5 kg of Beeswax, kept as")).to_be_visible()


def test_library_search_filters_while_typing(page: Page, live_port, committed_acme):  # noqa: F811
    for name in ("Browser test jojoba oil", "Browser test amber jar"):
        LibraryItem.objects.update_or_create(
            name=name, defaults={"kind": "ingredient", "category": "oil"}
        )
    sign_in(page, make_member(committed_acme, "owner"), "acme.localhost")
    page.goto(f"http://acme.localhost:{live_port}/inventory/items/library/")

    page.get_by_role("searchbox", name="Search the library").fill("browser test jojoba")
    results = page.locator("#library-results")
    expect(results).to_contain_text("Browser test jojoba oil")
    expect(results).not_to_contain_text("Browser test amber jar")
    results.get_by_label("Browser test jojoba oil").check()
    page.get_by_role("button", name="Add the ticked items").click()
    expect(
        page.get_by_text("Browser test jojoba oil is added. Receive Browser test jojoba oil next.")
    ).to_be_visible()
