"""Accessibility in a real browser: axe-core finds no serious or critical WCAG 2.2 A/AA violation on any
main workspace page (on the demo data), and none of them scrolls sideways on a 360 px phone, even with
a long workspace name and email (the API's pages: test_csp_browser, which visits them anyway); a batch can be started with the keyboard alone, focus always
visible; and the dashboard works at a phone's 360 px width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from batches.models import Batch
from inventory.models import Item
from products.models import Product, Sku
from recipes.models import Recipe
from tenants.models import Organization
from tests.api.conftest import new_key, on_tier
from tests.concurrency import committed_acme, empty_workspace  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.workspace_pages import axe_problems, sign_in, sweep

pytestmark = pytest.mark.e2e


def _demo(organization, owner) -> None:
    # batches' seeder only: its rows live in the tables committed_acme empties afterwards.
    from batches import demo

    demo.seed(organization=organization, owner=owner)


def main_pages() -> list[str]:
    oil = Item.objects.get(name="Olive oil")
    recipe = Recipe.objects.get(name="Lavender castile soap")
    running = Batch.objects.get(status=Batch.Status.IN_PROGRESS)
    planned = Batch.objects.get(status=Batch.Status.PLANNED)
    product = Product.objects.get()
    sku = Sku.objects.first()
    return [
        "/",
        "/inventory/",
        f"/inventory/items/{oil.pk}/",
        f"/inventory/items/{oil.pk}/receive/",
        f"/inventory/items/{oil.pk}/adjust/",
        "/inventory/items/library/",
        "/recipes/",
        f"/recipes/{recipe.pk}/",
        f"/recipes/{recipe.pk}/edit/",
        "/batches/",
        f"/batches/{running.pk}/",
        f"/batches/{planned.pk}/",
        f"/batches/{running.pk}/finish/",
        f"/guide/batches/{running.pk}/finish/",
        f"/guide/batches/{running.pk}/finish/where/?made=14",
        f"/guide/batches/{running.pk}/finish/confirm/?made=14&into=none",
        "/guide/start/",
        f"/guide/start/{recipe.pk}/",
        f"/guide/batches/{planned.pk}/check/",
        "/guide/receive/",
        "/products/",
        "/products/holds/",
        f"/products/{product.pk}/",
        f"/products/skus/{sku.pk}/",
        "/reports/",
        "/settings/members/",
        "/settings/workspace/",
        "/billing/",
        "/notifications/",
        "/notifications/preferences/",
    ]


LONG_NAME = "The Lavender and Goat Milk Soap Company of Northern Vermont"
LONG_EMAIL = "jacqueline.montgomery-richardson@lavender-goat-milk-soap.example.com"


def long_names(organization) -> object:
    """The workspace renamed, and an owner with an email, as long as a maker's can be: the pages
    must fit a phone with them too."""
    Organization.objects.filter(pk=organization.pk).update(name=LONG_NAME)
    return make_member(organization, "owner", email=LONG_EMAIL)


def test_main_pages_pass_axe_and_never_scroll_sideways_on_a_phone(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    """One sweep over the main workspace pages on the demo data, with the longest names: each page
    passes axe at the default desktop size, then fits a 360 px phone. (The public pages have their
    own sweep in test_public_site_browser.)"""
    owner = long_names(committed_acme)
    _demo(committed_acme, owner)
    base = f"http://acme.localhost:{live_port}"
    sign_in(page, owner, "acme.localhost")
    problems, wide = sweep(page, base, main_pages(), desktop=page.viewport_size)
    assert problems == []
    assert wide == []

    # A table's rows stack, each cell named by its column, and axe is still content.
    page.goto(base + "/settings/members/")
    row = page.locator("main table tbody tr").first
    expect(row.locator("[data-label=Role]")).to_be_visible()
    box = row.bounding_box()
    assert box is not None and box["width"] <= 360
    assert axe_problems(page) == []


def api_pages_of(organization, owner) -> list[str]:
    """The API's pages with something on them: a key, a webhook endpoint, the reference page."""
    from webhooks.models import Endpoint

    on_tier(organization, "pro")
    new_key(organization, "production", actor_id=owner.pk)
    Endpoint.objects.create(
        url="https://hooks.example.com/batchtrack", events=["batch.finished"], secret="whsec_x"
    )
    return ["/settings/api-keys/", "/settings/webhooks/", "/api/v1/docs/"]


def tab_to(page: Page, target, limit: int = 80) -> None:
    """Press Tab until `target` has the focus (failing after `limit` presses), as a keyboard user would.
    The element is found once: asking the locator again after every press would query the page twice
    as often."""
    element = target.element_handle()
    for _ in range(limit):
        if element.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def focus_is_visible(page: Page) -> bool:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"
    )


def test_a_batch_starts_with_the_keyboard_alone_and_the_dashboard_fits_a_phone(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    owner = make_member(committed_acme, "owner")
    _demo(committed_acme, owner)
    base = f"http://acme.localhost:{live_port}"
    sign_in(page, owner, "acme.localhost")
    page.goto(base + "/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab_to(page, page.get_by_role("link", name="Start a batch").first)
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Lavender castile soap"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_label("One batch: 10 bars")).to_be_checked()
    # Tab reaches the chosen size; the arrow keys change it.
    tab_to(page, page.get_by_label("One batch: 10 bars"))
    assert focus_is_visible(page)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Double: 20 bars")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("One batch: 10 bars")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Check my stock"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("You have everything this batch needs.")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Continue"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Start the batch"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="is running")).to_be_visible()
    assert Batch.objects.filter(status=Batch.Status.IN_PROGRESS).count() == 2

    # A phone: nothing scrolls sideways, the menu opens from its button, axe is still content.
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="What needs you today")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.get_by_role("link", name="Inventory", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Inventory", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_problems(page) == []


def test_stock_is_received_and_a_batch_finished_with_the_keyboard_alone(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    owner = make_member(committed_acme, "owner")
    _demo(committed_acme, owner)
    running = Batch.objects.get(status=Batch.Status.IN_PROGRESS)
    base = f"http://acme.localhost:{live_port}"
    sign_in(page, owner, "acme.localhost")

    # Receive: choose the item by typing its name into the list, then the amounts, then Enter.
    page.goto(base + "/guide/receive/")
    choose = page.get_by_label("Which item arrived?")
    tab_to(page, choose)
    assert focus_is_visible(page)
    page.keyboard.type("Olive oil")
    expect(choose.locator("option:checked")).to_have_text("Olive oil")
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Quantity"))
    assert focus_is_visible(page)
    page.keyboard.type("500")
    tab_to(page, page.get_by_label("Unit", exact=True))
    page.keyboard.type("g")
    tab_to(page, page.get_by_label("Cost per unit ($)"))
    page.keyboard.type("0.01")
    expect(page.locator("#receive-preview")).to_contain_text("$5.00 in total")
    tab_to(page, page.get_by_role("button", name="Receive", exact=True))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("of Olive oil, kept as")).to_be_visible()

    # Finish the running batch from its page.
    page.goto(f"{base}/batches/{running.pk}/")
    tab_to(page, page.get_by_role("link", name="Finish…"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    made = page.get_by_label("How much did you make?")
    tab_to(page, made)
    page.keyboard.press("Control+A")
    page.keyboard.type("14")
    expect(page.locator("#finish-cost")).to_contain_text("14 bars at $")  # live, as typed
    page.keyboard.press("Enter")  # the step's only button
    tab_to(page, page.get_by_role("radio").first)
    assert focus_is_visible(page)
    expect(page.get_by_role("radio").first).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Next: check and finish"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("button", name="Finish the batch"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("is finished: 14 bars")).to_be_visible()
    running.refresh_from_db()
    assert running.status == Batch.Status.FINISHED
