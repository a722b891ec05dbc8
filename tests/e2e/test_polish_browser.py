"""Polish a maker notices, in a real browser: the navigation fits one row from 1024 to 1440 px with a
long workspace name and email (the search box in it from 1200 px), the time-zone list is searchable
and starts on the browser's zone, sign-up shows the web address as the name is typed, and the recipe
form keeps what was typed when the kind changes. (No page scrolling sideways on a phone, tables
stacking, is checked with axe in test_accessibility_browser's sweep.)"""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import Browser, Page, expect

from recipes.models import Recipe
from tenants.models import Organization
from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.test_accessibility_browser import LONG_EMAIL, LONG_NAME, long_names
from tests.e2e.workspace_pages import sign_in

pytestmark = pytest.mark.e2e


# Every entry of the expanded navigation: where it is, and whether something covers its right edge.
NAV_ITEMS = """() => [...document.querySelectorAll(
    'nav.navbar .navbar-brand, nav.navbar .nav-link')].map(e => {
  const r = e.getBoundingClientRect();
  return {name: e.textContent.trim().slice(0, 24), top: r.top, bottom: r.bottom, left: r.left,
          right: r.right, visible: r.width > 0 && r.height > 0};
})"""


@pytest.mark.parametrize("width", [1024, 1200, 1280, 1366, 1440])
def test_the_navigation_fits_one_row_with_long_names(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
    width,
):
    owner = long_names(committed_acme)
    sign_in(page, owner, "acme.localhost")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"http://acme.localhost:{live_port}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    items = page.evaluate(NAV_ITEMS)
    assert [item["name"][:9] for item in items][1:] == [
        "Dashboard",
        "Inventory",
        "Recipes",
        "Batches",
        "Products",
        "Buying",
        "Orders",
        "Reports",
        "Recall",
        "Settings",
        "Notificat",
        "Account m",
    ]
    assert all(item["visible"] for item in items)
    # One row: every entry within the bar's first line, none past the window's edge or another.
    assert max(item["bottom"] for item in items) - min(item["top"] for item in items) < 48
    assert all(item["left"] >= 0 and item["right"] <= width for item in items)
    lefts = sorted((item["left"], item["right"]) for item in items)
    assert all(a[1] <= b[0] + 1 for a, b in pairwise(lefts))
    # The search box sits between the menu and the notifications where it has room (from 1200 px).
    find = page.locator("nav.navbar .nav-find")
    if width >= 1200:
        box = find.bounding_box()
        assert box is not None
        assert items[10]["right"] <= box["x"] + 1
        assert box["x"] + box["width"] <= items[11]["left"] + 1
    else:
        expect(find).to_be_hidden()
    # The cut name is whole in the switcher, the email in the account menu.
    page.get_by_role("button", name="Switch workspace").click()
    expect(page.get_by_role("link", name=f"{LONG_NAME} (this workspace)")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("button", name=f"Account menu for {LONG_EMAIL}").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_time_zone_list_is_searchable_and_starts_on_the_browsers_zone(
    browser: Browser,
    live_port,
    committed_acme,  # noqa: F811
):
    Organization.objects.filter(pk=committed_acme.pk).update(time_zone="UTC")
    owner = make_member(committed_acme, "owner")
    context = browser.new_context(timezone_id="Europe/Paris")
    page = context.new_page()
    try:
        sign_in(page, owner, "acme.localhost")
        page.goto(f"http://acme.localhost:{live_port}/settings/workspace/")
        zone = page.get_by_label("Time zone", exact=True)
        expect(zone).to_have_value("Europe/Paris")
        expect(page.get_by_text("Set to this device's time zone, Europe/Paris.")).to_be_visible()
        page.get_by_label("Find a time zone").fill("tokyo")
        expect(zone).to_have_value("Asia/Tokyo")
        assert zone.locator("option:not([hidden])").all_inner_texts() == ["Asia/Tokyo"]
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_label("Time zone", exact=True)).to_have_value("Asia/Tokyo")
        assert Organization.objects.get(pk=committed_acme.pk).time_zone == "Asia/Tokyo"
        # A zone already chosen is kept: only the search box is added.
        page.reload()
        expect(page.get_by_label("Time zone", exact=True)).to_have_value("Asia/Tokyo")
    finally:
        context.close()


def test_sign_up_shows_the_web_address_as_the_name_is_typed(
    page: Page, live_port, transactional_db
):
    page.goto(f"http://localhost:{live_port}/accounts/signup/")
    page.get_by_label("Organization name").press_sequentially("Lavender & Lye", delay=20)
    expect(page.locator("#slug-status")).to_contain_text(
        "Your web address will be lavender-lye.localhost"
    )


def test_changing_the_kind_keeps_what_was_typed(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    owner = make_member(committed_acme, "owner")
    sign_in(page, owner, "acme.localhost")
    page.goto(f"http://acme.localhost:{live_port}/recipes/new/")
    page.get_by_label("Name", exact=True).fill("Lavender castile")
    page.get_by_label("Yield", exact=True).fill("10")
    page.get_by_label("Kind").select_option("soap")
    expect(page.get_by_label("Superfat (%)")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Lavender castile")
    expect(page.get_by_label("Yield", exact=True)).to_have_value("10")
    expect(page.get_by_label("Kind")).to_have_value("soap")
    assert not Recipe.objects.exists()
