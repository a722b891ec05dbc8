"""Find anything in a real browser: "/" focuses the navigation's search box, a misspelt name finds
the item, and the results page has no serious accessibility problem and fits a phone's 360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.workspace_pages import axe_problems, sign_in

pytestmark = pytest.mark.e2e


def test_find_anything_from_the_keyboard_and_on_a_phone(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    from batches import demo

    owner = make_member(committed_acme, "owner")
    demo.seed(organization=committed_acme, owner=owner)
    base = f"http://acme.localhost:{live_port}"
    sign_in(page, owner, "acme.localhost")
    # Wide enough for today's whole menu on one line (fitting it at 1024 px is the menu's own work).
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base + "/inventory/")

    page.keyboard.press("/")
    expect(
        page.get_by_label(
            "Find items, recipes, batches, products, suppliers or delivery and batch codes"
        )
    ).to_be_focused()
    page.keyboard.type("olve oil")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Items")).to_be_visible()
    expect(page.get_by_role("link", name="Olive oil", exact=True)).to_be_visible()
    assert axe_problems(page) == []

    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    expect(page.get_by_role("link", name="Olive oil", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#nav-find")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_problems(page) == []
