"""Helpers for the workspace browser tests: a signed-in browser, the demo data in a committed workspace,
and the axe-core check (axe-playwright-python ships axe.min.js, so nothing is downloaded)."""

from __future__ import annotations

from django.conf import settings
from playwright.sync_api import Page, expect

from tests.conftest import session_for

# WCAG 2.0-2.2 A and AA rules; a page passes with no serious or critical violation of them.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = ("serious", "critical")


def sign_in(page: Page, user, host: str) -> None:
    """Give the browser a session of `user` on `host` (no sign-in form: that has its own tests)."""
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_for(user),
                "domain": host,
                "path": "/",
            }
        ]
    )


# htmx marks an element with these classes while its request is in flight and while it swaps in.
_HTMX_BUSY = ".htmx-request, .htmx-swapping, .htmx-settling"


def settle(page: Page) -> None:
    """Wait until the parts htmx loads after the page (charts, previews) are in. Cheaper than
    Playwright's "networkidle", which always waits out half a second of silence."""
    page.wait_for_function(f"() => !document.querySelector({_HTMX_BUSY!r})")


def axe_problems(page: Page) -> list[str]:
    """The serious and critical axe violations on the page as it is now, one line per element.

    axe-core (axe-playwright-python's copy) is injected only into a page that does not have it yet:
    a sweep that checks a page at two widths sends the 570 kB script once, not twice."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    # Only the violations cross back to Python: the full results (every rule that passed or did not
    # apply) are several times larger and cost the browser and the driver to serialise.
    violations = page.evaluate(
        "options => axe.run(document, options).then(results => results.violations)", AXE_OPTIONS
    )
    problems = []
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            problems.append(
                f"{page.url}: {violation['id']} ({violation['impact']}) {node['target']}: "
                f"{node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return problems


PHONE = {"width": 360, "height": 780}


def sideways_at_phone_width(page: Page) -> int | None:
    """The page's width once the window is a 360 px phone's, when it scrolls sideways (else None).

    The page is resized where it stands rather than loaded again: its layout at any width comes from
    CSS media queries alone (no script reads the window's size), so a resized page lays out exactly
    as one loaded at 360 px, without a second request, htmx settle and render. The window is left at
    the phone's width; the caller sets the next size it wants."""
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    return width if width > PHONE["width"] else None


def sweep(
    page: Page, base: str, paths, *, desktop: dict, axe_at_phone: bool = False
) -> tuple[list[str], list[str]]:
    """Each page loaded at the `desktop` size and checked with axe, then resized to a phone's width:
    (axe problems, paths that scroll sideways). `axe_at_phone` runs axe again at 360 px."""
    problems: list[str] = []
    wide: list[str] = []
    for path in paths:
        page.set_viewport_size(desktop)
        page.goto(base + path)
        expect(page.locator("main")).to_be_visible()
        settle(page)
        problems += axe_problems(page)
        if sideways_at_phone_width(page):
            wide.append(path)
        if axe_at_phone:
            problems += axe_problems(page)
    return problems, wide
