from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tenants.models import Membership, Organization
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def sign_up_in_browser(page: Page, base_url: str, organization: str, slug: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/signup/")
    page.get_by_label("Organization name").fill(organization)
    page.get_by_label("Web address").fill(slug)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create workspace").click()


def drop_schema(schema: str) -> None:
    """The test database is reused between runs; a schema left by an earlier run would be stale."""
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.parametrize("base_domain", ["localhost", "app.test"])
def test_sign_up_lands_signed_in_on_new_workspace(
    page: Page, live_port, settings, base_domain, transactional_db
):
    settings.BASE_DOMAIN = base_domain
    slug = f"e2e-{base_domain.replace('.', '-')}"
    drop_schema(slug.replace("-", "_"))
    sign_up_in_browser(
        page, f"http://{base_domain}:{live_port}", "E2E Soap Co", slug, f"{slug}@example.com"
    )

    expect(page).to_have_url(f"http://{slug}.{base_domain}:{live_port}/")
    expect(page.get_by_role("heading", name="E2E Soap Co")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {slug}@example.com")).to_be_visible()
    organization = Organization.objects.get(slug=slug)
    assert Membership.objects.get(organization=organization).role == "owner"
    assert organization.domains.get().domain == f"{slug}.{base_domain}"


def test_sign_up_shows_taken_slug_inline(page: Page, live_port, transactional_db):
    from tests.conftest import ensure_workspace

    ensure_workspace("acme")
    base = f"http://localhost:{live_port}"
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Web address").fill("acme")
    expect(page.get_by_text("'acme' is already taken")).to_be_visible()
