"""The public site in a real browser: every public page (sign-up and sign-in included) passes axe (no
serious or critical WCAG violation) at 1280 and at 360 px, and never scrolls sideways at 360 px; and a visitor goes from the landing page through the
soap calculator to a draft recipe in the workspace they sign up for."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context
from playwright.sync_api import Page, expect

from recipes.models import Recipe
from tenants.models import Organization
from tests.conftest import PASSWORD
from tests.e2e.test_signup_browser import drop_schema
from tests.e2e.workspace_pages import axe_problems, sideways_at_phone_width
from tests.publicsite.test_pages import PUBLIC_PAGES
from tests.tools.conftest import ensure_soap_library

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 800}


def calculate_olive_soap(page: Page) -> None:
    page.get_by_label("Oil 1", exact=True).select_option(label="Olive oil")
    page.get_by_label("Weight of oil 1").fill("1000")
    page.get_by_role("button", name="Calculate").click()
    expect(page.get_by_role("heading", name="Your batch")).to_be_visible()


def test_every_public_page_passes_axe_and_fits_a_phone(page: Page, live_port, transactional_db):
    ensure_soap_library()
    base = f"http://localhost:{live_port}"
    problems: list[str] = []
    too_wide: list[str] = []

    def at_both_widths(name: str) -> None:
        """axe on the page as it stands at 1280 px, then at 360 px, where it may not scroll sideways."""
        problems.extend(axe_problems(page))
        if sideways_at_phone_width(page):
            too_wide.append(name)
        problems.extend(axe_problems(page))

    for path in [*PUBLIC_PAGES, "/help/?q=recall", "/accounts/signup/", "/accounts/login/"]:
        page.set_viewport_size(DESKTOP)
        page.goto(base + path)
        expect(page.locator("main")).to_be_visible()
        at_both_widths(path)
    # Results pages too: the soap calculator's answer and its quality table.
    page.set_viewport_size(DESKTOP)
    page.goto(base + "/tools/soap/")
    calculate_olive_soap(page)
    at_both_widths("/tools/soap/ (result)")
    assert problems == [], "\n".join(problems)
    assert too_wide == []


def test_landing_to_soap_calculator_to_a_draft_recipe_in_a_new_workspace(
    page: Page, live_port, transactional_db
):
    ensure_soap_library()
    drop_schema("olive_soap_co")
    base = f"http://localhost:{live_port}"
    page.goto(base + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Free tools").click()
    page.get_by_role("link", name="Soap lye calculator").click()
    expect(page.get_by_role("heading", name="Soap lye calculator")).to_be_visible()
    page.get_by_label("Recipe name").fill("Olive castile")
    calculate_olive_soap(page)
    expect(
        page.get_by_role("row", name=re.compile(r"Sodium hydroxide \(NaOH\) 128\.3"))
    ).to_be_visible()

    page.get_by_role("button", name="Save as a recipe").click()
    expect(
        page.get_by_text("Your Olive castile (3 ingredients) becomes a draft recipe")
    ).to_be_visible()
    page.get_by_role("link", name="Sign up free").click()

    page.get_by_label("Organization name").fill("Olive Soap Co")
    page.get_by_label("Web address").fill("olive-soap-co")
    page.get_by_label("Email").fill("olive@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create workspace").click()

    organization = Organization.objects.get(slug="olive-soap-co")
    with tenant_context(organization):
        recipe = Recipe.objects.get()
        lines = {line.item.name: line.quantity for line in recipe.versions.get().lines.all()}
    expect(page).to_have_url(f"http://olive-soap-co.localhost:{live_port}/recipes/{recipe.pk}/")
    expect(page.get_by_role("heading", name="Olive castile")).to_be_visible()
    assert lines["Sodium hydroxide (NaOH)"] == Decimal("128.3")
    assert lines["Olive oil"] == Decimal("1000")
