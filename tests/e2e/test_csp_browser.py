"""In a real browser the Content-Security-Policy blocks nothing BatchTrack needs: htmx, Bootstrap, forms
posting and redirecting across the public and workspace hosts, Swagger UI on the API's pages (which
are checked with axe on the same visit)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tenants.models import AuditEvent, Invitation
from tests.concurrency import committed_acme, empty_workspace  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.test_accessibility_browser import api_pages_of
from tests.e2e.workspace_pages import axe_problems, settle, sign_in

pytestmark = pytest.mark.e2e

# Runs before any page script and outside the policy: records every violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline code"}`);
});
"""


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def csp_violations_of_every_page(page: Page) -> list[str]:
    """Every violation the browser reports on any page the tab shows from now on, as it happens: a
    list the caller asserts on. (RECORD_VIOLATIONS keeps them in the page, which a navigation
    forgets; this hands each one to Python at once.)"""
    found: list[str] = []
    page.expose_function("__cspViolation", lambda violation: found.append(violation))
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
            `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"}`));"""
    )
    return found


def csp_console_errors(page: Page) -> list[str]:
    """The console messages about the policy, as they come (a list the caller asserts on)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return errors


def test_a_maker_works_under_the_policy_without_violations(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    """Signed in on a workspace: an invitation posted, a Bootstrap dropdown, and sign-out relayed
    to the public host. (Signing up under the policy, htmx's address check and the post from the
    public host to the workspace host, is test_signup_browser's.)"""
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = csp_console_errors(page)
    sign_in(
        page, make_member(committed_acme, "owner", email="maker@policy.example"), "acme.localhost"
    )
    base = f"http://localhost:{live_port}"

    page.goto(f"http://acme.localhost:{live_port}/settings/members/")
    page.get_by_label("Email address").fill("friend@policy.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to friend@policy.example")).to_be_visible()
    assert Invitation.objects.get(email="friend@policy.example").role == "production"
    assert violations(page) == []

    # Bootstrap's dropdown (JavaScript from a static file) opens under the policy.
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="Activity").click()
    expect(page.get_by_text("Invited friend@policy.example")).to_be_visible()
    assert AuditEvent.objects.filter(action="invitation.sent").count() == 1

    # Sign-out posts on the workspace host and is relayed to the public host.
    page.get_by_role("button", name="Account menu for").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{base}/accounts/login/")
    assert violations(page) == []
    assert console_errors == []


def test_the_api_pages_work_under_the_policy_and_pass_axe(
    page: Page,
    live_port,
    committed_acme,  # noqa: F811
):
    """The API's pages with something on them (a key, a webhook endpoint, the reference page): the
    policy blocks nothing they need, and axe finds no serious or critical violation on them."""
    page.add_init_script(RECORD_VIOLATIONS)
    owner = make_member(committed_acme, "owner")
    sign_in(page, owner, "acme.localhost")
    base = f"http://acme.localhost:{live_port}"
    problems: list[str] = []
    try:
        for path in api_pages_of(committed_acme, owner):
            page.goto(base + path)
            expect(page.locator("main")).to_be_visible()
            settle(page)
            if path == "/api/v1/docs/":
                # Swagger UI drew the operations: its scripts and styles loaded under the policy.
                expect(page.get_by_text("Receive stock into a new lot").first).to_be_visible()
                assert (
                    page.evaluate("getComputedStyle(document.body).backgroundColor")
                    == "rgb(250, 250, 250)"
                )
            assert violations(page) == [], path
            problems += axe_problems(page)
    finally:
        empty_workspace(committed_acme, ["api", "webhooks"])
    assert problems == []
