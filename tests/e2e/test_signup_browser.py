from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tenants.models import Membership, Organization
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def drop_schema(schema: str) -> None:
    """The test database is reused between runs; a schema left by an earlier run would be stale."""
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_sign_up_lands_signed_in_on_new_workspace(
    page: Page, live_port, settings, transactional_db
):
    """Signing up on the public host lands signed in on the new workspace's host, and the
    Content-Security-Policy blocks nothing on the way: htmx checking the address while it is typed,
    the form posting on one host and being redirected to the other.

    On a real domain, app.test; the same on localhost, the tests' own BASE_DOMAIN, is the first step
    of the maker loop (test_maker_loop_browser), so it is not signed up for twice."""
    from tests.e2e.test_csp_browser import RECORD_VIOLATIONS, csp_console_errors, violations

    base_domain = settings.BASE_DOMAIN = "app.test"
    slug = f"e2e-{base_domain.replace('.', '-')}"
    drop_schema(slug.replace("-", "_"))
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = csp_console_errors(page)
    base = f"http://{base_domain}:{live_port}"

    response = page.goto(f"{base}/accounts/signup/")
    assert response is not None
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.get_by_label("Organization name").fill("E2E Soap Co")
    page.get_by_label("Web address").fill(slug)
    # htmx checks the address while the maker types.
    expect(page.locator("#slug-status")).to_have_text(f"{slug}.{base_domain} is available.")
    assert violations(page) == []
    page.get_by_label("Email").fill(f"{slug}@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create workspace").click()

    expect(page).to_have_url(f"http://{slug}.{base_domain}:{live_port}/")
    expect(page.get_by_role("heading", name="E2E Soap Co")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {slug}@example.com")).to_be_visible()
    organization = Organization.objects.get(slug=slug)
    assert Membership.objects.get(organization=organization).role == "owner"
    assert organization.domains.get().domain == f"{slug}.{base_domain}"
    assert violations(page) == []
    assert console_errors == []


def test_sign_up_shows_taken_slug_inline(page: Page, live_port, transactional_db):
    from tests.conftest import ensure_workspace

    ensure_workspace("acme")
    base = f"http://localhost:{live_port}"
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Web address").fill("acme")
    expect(page.get_by_text("'acme' is already taken")).to_be_visible()
