"""The whole maker's journey in a real browser, from an empty workspace to a sold product: follow the
getting-started checklist, add three ingredients from the library, receive stock, give the product
a SKU, write a recipe, start a batch (meeting a shortfall first and fixing it in the flow), finish it,
sell, and find on the dashboard what needs attention next.

The journey starts in the committed acme workspace, emptied, rather than signing up: a new workspace
is just as empty, and signing up (landing on the dashboard with the checklist at zero) is the maker
loop's first step (test_maker_loop_browser), so this test does not pay for building a schema."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from inventory.models import Item
from library.models import LibraryItem
from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.workspace_pages import axe_problems, sign_in

pytestmark = pytest.mark.e2e

LIBRARY = [
    # name, category, unit, density
    ("Journey olive oil", "oil", "g", "0.91"),
    ("Journey coconut oil", "oil", "g", "0.92"),
    ("Journey lye", "lye", "g", None),
]


def checklist_says(page: Page, done: int) -> None:
    expect(page.get_by_role("heading", name=f"Getting started: {done} of 5 done")).to_be_visible()


def add_from_library(page: Page, name: str, threshold: str = "") -> None:
    """One entry with its options (here a low-stock threshold), through its own page."""
    page.get_by_label("Search the library", exact=True).fill(name)
    page.locator("#library-results").get_by_role(
        "link", name=f"Add with options for {name}"
    ).click()
    if threshold:
        page.get_by_label("Low-stock threshold").fill(threshold)
    page.get_by_role("button", name="Add to inventory").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def tick_in_library(page: Page, name: str) -> None:
    """Search the library and tick an entry; what was ticked before stays ticked."""
    page.get_by_label("Search the library", exact=True).fill(name)
    page.locator("#library-results").get_by_label(name, exact=True).check()


def receive(page: Page, home: str, item: str, quantity: str, unit: str, cost: str, preview: str):
    page.goto(home)
    page.get_by_role("link", name="Receive stock", exact=True).first.click()
    page.get_by_label("Which item arrived?").select_option(label=item)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Quantity").fill(quantity)
    page.get_by_label("Unit", exact=True).fill(unit)
    page.get_by_label("Cost per unit ($)").fill(cost)
    expect(page.locator("#receive-preview")).to_have_text(preview)
    page.get_by_role("button", name="Receive", exact=True).click()
    expect(page.get_by_text(f"of {item}, kept as")).to_be_visible()


def test_a_maker_goes_from_an_empty_workspace_to_a_sold_product(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    for name, category, unit, density in LIBRARY:
        LibraryItem.objects.update_or_create(
            name=name,
            defaults={
                "kind": "ingredient",
                "category": category,
                "default_unit": unit,
                "density_g_per_ml": density,
            },
        )
    home = f"http://acme.localhost:{live_port}/"
    sign_in(page, make_member(committed_acme, "owner"), "acme.localhost")

    # The empty workspace's dashboard: the checklist at zero, and sample data on offer.
    page.goto(home)
    checklist_says(page, 0)
    expect(page.get_by_role("button", name="Load sample data")).to_be_visible()
    assert axe_problems(page) == []

    # 1. Three ingredients from the library: the olive oil with a low-stock threshold, then two at once.
    page.get_by_role("link", name="Add from the library").click()
    add_from_library(page, "Journey olive oil", threshold="1000")
    # The other two ticked (each found by a search) and added in one step.
    page.goto(home + "inventory/items/library/")
    tick_in_library(page, "Journey coconut oil")
    tick_in_library(page, "Journey lye")
    expect(page.locator("#library-results").get_by_label("Journey coconut oil")).to_be_checked()
    page.get_by_role("button", name="Add the ticked items").click()
    expect(page.get_by_text("Journey coconut oil and Journey lye are added.")).to_be_visible()
    page.goto(home)
    checklist_says(page, 1)
    expect(page.get_by_text("3 items in your inventory, 3 from the library.")).to_be_visible()

    # 2. Receive stock, with the live unit and cost preview; no lye yet.
    receive(
        page,
        home,
        "Journey olive oil",
        "1.2",
        "kg",
        "10",
        "1.2 kg = 1,200 g at $0.01/g, $12.00 in total.",
    )
    receive(
        page, home, "Journey coconut oil", "500", "g", "0.01", "500 g at $0.01/g, $5.00 in total."
    )
    page.goto(home)
    checklist_says(page, 2)

    # The product to sell, with its SKU (the batch's output goes there).
    page.get_by_role("link", name="Products", exact=True).click()
    page.get_by_role("link", name="New product").click()
    page.get_by_label("Name", exact=True).fill("Journey bar")
    page.get_by_label("Price (optional)").fill("6.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Journey bar is ready to sell at $6.50.")).to_be_visible()

    # 3. Write and publish a recipe that finishes into the SKU.
    page.goto(home)
    page.get_by_role("link", name="Write a recipe").click()
    page.get_by_label("Name", exact=True).fill("Journey bar soap")
    output = Item.objects.get(kind=Item.Kind.PRODUCT)  # committed_acme's schema is active
    page.get_by_label("Finished batches go to").select_option(str(output.pk))
    page.get_by_label("Yield", exact=True).fill("4")
    page.get_by_label("Yield unit").fill("each")
    page.get_by_label("Portion name").fill("bar")
    for number, (name, quantity) in enumerate(
        [("Journey olive oil", "300"), ("Journey coconut oil", "200"), ("Journey lye", "70")],
        start=1,
    ):
        page.get_by_label(f"Item in row {number}").fill(name)
        page.get_by_label(f"Quantity in row {number}").fill(quantity)
        page.get_by_label(f"Unit in row {number}").fill("g")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.get_by_text("Journey bar soap v1 is published.")).to_be_visible()
    page.goto(home)
    checklist_says(page, 3)

    # 4. Start a batch: recipe -> size -> stock check, where the lye is short.
    page.get_by_role("link", name="Start a batch").first.click()
    page.get_by_role("link", name="Journey bar soap").click()
    expect(page.get_by_label("One batch: 4 bars")).to_be_checked()
    page.get_by_role("button", name="Check my stock").click()
    expect(page.get_by_text("1 item short.")).to_be_visible()
    expect(
        page.get_by_text("You need 70 g more Journey lye: this needs 70 g and 0 g is available.")
    ).to_be_visible()
    assert axe_problems(page) == []
    # The fix is one click away and returns to the check.
    page.get_by_role("link", name="Receive 70 g of Journey lye").click()
    expect(page.get_by_label("Quantity")).to_have_value("70")
    page.get_by_label("Cost per unit ($)").fill("0.004")
    expect(page.locator("#receive-preview")).to_have_text("70 g at $0.0040/g, $0.28 in total.")
    page.get_by_role("button", name="Receive and check again").click()
    expect(page.get_by_text("You have everything this batch needs.")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("button", name="Start the batch").click()
    expect(page.get_by_role("heading", name="is running")).to_be_visible()
    expect(page.get_by_role("button", name="Undo: cancel batch")).to_be_visible()

    # Finish: the yield goes to the SKU the recipe names.
    page.get_by_role("link", name="Finish the batch when it's done").click()
    expect(page.get_by_label("How much did you make?")).to_have_value("4")
    page.get_by_role("button", name="Next: where they go").click()
    expect(page.get_by_role("radio").first).to_be_checked()  # the recipe's SKU
    page.get_by_role("button", name="Next: check and finish").click()
    page.get_by_role("button", name="Finish the batch").click()
    expect(page.get_by_text("is finished: 4 bars into")).to_be_visible()

    # 5. Sell two bars.
    page.goto(home + "products/")
    page.locator("table").get_by_role("link").first.click()
    page.get_by_label("What").select_option("sold")
    page.get_by_label("Quantity", exact=True).fill("2")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Recorded: sold 2 of")).to_be_visible()

    # The checklist is done: the dashboard says so once, then it is gone, and the dashboard says
    # what needs attention now.
    page.goto(home)
    expect(page.get_by_role("heading", name="Getting started: all 5 steps done")).to_be_visible()
    page.goto(home)
    expect(page.get_by_role("heading", name="Getting started")).to_have_count(0)
    low = page.get_by_role("region", name="Running low")
    expect(low).to_contain_text("Journey olive oil")
    expect(low).to_contain_text("900 g left; you reorder below 1,000 g.")
    low.get_by_role("link", name="Receive stock (Journey olive oil)").click()
    expect(page.get_by_role("heading", name="Receive Journey olive oil")).to_be_visible()
