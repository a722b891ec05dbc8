"""The base layout: navigation by role with the current page marked, the workspace switcher, the user
menu, and pages the Content-Security-Policy can serve (no inline scripts or styles)."""

from __future__ import annotations

import re

import pytest

from tenants.models import Membership
from tests.conftest import make_member, page_text, workspace_client

# A link's words, after the icon some entries carry (their words hidden while the bar is compact).
NAV = re.compile(
    r'<a class="(?:nav-link|dropdown-item)[^"]*" href="([^"]+)"[^>]*>'
    r'(?:<svg.*?</svg><span class="nav-compact-label">)?([^<]+)</'
)


def nav_links(response) -> list[tuple[str, str]]:
    html = page_text(response)
    header = html[html.index('id="mainnav"') : html.index("</header>")]
    return NAV.findall(header)


def test_owner_navigation_and_settings(owner_client):
    links = nav_links(owner_client.get("/"))
    assert links == [
        ("/", "Dashboard"),
        ("/inventory/", "Inventory"),
        ("/recipes/", "Recipes"),
        ("/batches/", "Batches"),
        ("/products/", "Products"),
        ("/purchasing/receipts/", "Buying"),
        ("/sales/", "Orders"),
        ("/reports/", "Reports"),
        ("/trace/recall/", "Recall"),
        ("/settings/members/", "Members"),
        ("/settings/workspace/", "Workspace"),
        ("/settings/profile/", "Your profile"),
        ("/inventory/units/", "Custom units and densities"),
        ("/notifications/preferences/", "Email digests"),
        ("/billing/", "Billing"),
        ("/settings/activity/", "Activity"),
        ("/settings/data/", "Data & privacy"),
        ("/settings/api-keys/", "API keys"),
        ("/settings/webhooks/", "Webhooks"),
        ("/notifications/", "Notifications"),
        ("/settings/profile/", "Your profile"),
        ("/notifications/preferences/", "Email digests"),
    ]


def test_a_viewer_sees_no_billing_or_activity(acme):
    viewer = workspace_client(make_member(acme, "viewer"), acme)
    labels = [label for _url, label in nav_links(viewer.get("/"))]
    assert "Billing" not in labels and "Activity" not in labels
    assert labels[:8] == [
        "Dashboard",
        "Inventory",
        "Recipes",
        "Batches",
        "Products",
        "Buying",
        "Orders",
        "Reports",
    ]


@pytest.mark.parametrize(
    ("path", "current"),
    [("/", "Dashboard"), ("/inventory/", "Inventory"), ("/settings/members/", "Members")],
)
def test_the_current_page_is_marked(owner_client, path, current):
    html = page_text(owner_client.get(path))
    marked = re.findall(r'href="[^"]+" aria-current="page">([^<]+)<', html)
    assert marked == [current]


def test_switcher_lists_the_members_other_workspaces_through_the_public_host(org_a, org_b):
    user = make_member(org_a, "owner")
    Membership.objects.create(user=user, organization=org_b, role="viewer")
    html = page_text(workspace_client(user, org_a).get("/"))
    switcher = html[html.index('class="dropdown workspace-switcher"') :]
    switcher = switcher[: switcher.index("</div>")]
    assert 'aria-label="Workspace: Acme Soap Works. Switch workspace"' in switcher
    assert (
        '<a class="dropdown-item" href="http://localhost/go/globex/">Globex Candles</a>' in switcher
    )
    assert 'href="http://localhost/workspaces/?choose=1"' in switcher


def test_a_single_workspace_member_gets_no_switch_list(owner_client):
    html = page_text(owner_client.get("/"))
    assert "Switch to" not in html
    assert "/go/" not in html


def test_user_menu_names_the_member_and_signs_out(owner, owner_client):
    html = page_text(owner_client.get("/"))
    menu = html[html.index("Account menu for") :]
    assert menu.startswith(f'Account menu for </span><span class="user-email">{owner.email}</span>')
    assert 'action="/signout/"' in menu


def test_an_outsider_does_not_see_the_workspace_name(org_a, org_b):
    outsider = workspace_client(make_member(org_b, "owner"), org_a)
    response = outsider.get("/")
    assert response.status_code == 404
    assert "Acme Soap Works" not in page_text(response)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")
INLINE_STYLE = re.compile(r"\sstyle=")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/guide/start/",
        "/guide/receive/",
        "/inventory/",
        "/recipes/",
        "/batches/",
        "/products/",
    ],
)
def test_pages_carry_no_inline_script_or_style(demo, owner_client, path):
    html = page_text(owner_client.get(path))
    assert INLINE_SCRIPT.findall(html) == []
    assert INLINE_STYLE.findall(html) == []
