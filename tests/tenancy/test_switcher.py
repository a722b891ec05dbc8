"""The navbar's workspace switcher: at most five other workspaces, the most recently entered first
(Membership.last_opened_at, set by the one-time handoff), then the never-entered ones by name, and a
link to all of them that says how many there are. A member of many workspaces gets the same page as
a member of a few."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.models import Membership, Organization
from tenants.services.handoff import issue_handoff, redeem_handoff
from tests.conftest import make_member, page_text, workspace_client

LINK = re.compile(r'href="http://localhost/go/([^/]+)/">([^<]+)</a>')


@pytest.fixture(autouse=True)
def _request_cache_on(settings):
    settings.TENANCY_CACHE_TTL = 60


def _join(user, count: int) -> list[Organization]:
    """`count` more workspaces for `user` (rows only: the switcher never enters their schemas)."""
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Workspace {n:03}", slug=f"ws-{n:03}", schema_name=f"ws_{n:03}")
        for n in range(1, count + 1)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organization=organization, role="viewer")
        for organization in organizations
    )
    return organizations


def _switcher(client) -> str:
    html = page_text(client.get("/"))
    switcher = html[html.index('class="dropdown workspace-switcher"') :]
    return switcher[: switcher.index("</div>")]


def _listed(client) -> list[str]:
    return [name for _, name in LINK.findall(_switcher(client))]


def test_a_member_of_thirty_workspaces_sees_five_and_a_link_to_all_thirty(org_a):
    user = make_member(org_a, "owner")
    _join(user, 29)
    client = workspace_client(user, org_a)
    switcher = _switcher(client)
    assert [name for _, name in LINK.findall(switcher)] == [
        f"Workspace {n:03}" for n in range(1, 6)
    ]
    assert "All your workspaces (30)" in switcher
    assert 'href="http://localhost/workspaces/?choose=1"' in switcher


def test_the_page_does_not_grow_with_the_workspaces_a_member_belongs_to(org_a):
    few = make_member(org_a, "owner", "few@example.com")
    many = make_member(org_a, "owner", "mny@example.com")
    _join(few, 7)
    Membership.objects.bulk_create(
        Membership(user=many, organization=o, role="viewer")
        for o in [*Organization.objects.filter(slug__startswith="ws-"), *_more(93)]
    )
    sizes, statements = [], []
    for user in (few, many):
        client = workspace_client(user, org_a)
        client.get("/inventory/")  # fills the request cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/inventory/")
        sizes.append(len(response.content))
        statements.append(len(captured.captured_queries))
        assert len(LINK.findall(page_text(response))) == 5
    # The same five names; only the count in "All your workspaces (8)" / "(101)" differs.
    assert sizes[1] - sizes[0] == 2
    assert statements[0] == statements[1]


def _more(count: int) -> list[Organization]:
    return Organization.objects.bulk_create(
        Organization(name=f"Zed {n:03}", slug=f"zed-{n:03}", schema_name=f"zed_{n:03}")
        for n in range(count)
    )


def test_a_few_workspaces_are_all_listed_without_a_count(org_a, org_b):
    user = make_member(org_a, "owner")
    Membership.objects.create(user=user, organization=org_b, role="viewer")
    switcher = _switcher(workspace_client(user, org_a))
    assert [name for _, name in LINK.findall(switcher)] == ["Globex Candles"]
    assert re.search(r">All your workspaces</a>", switcher)


def test_the_most_recently_entered_come_first_then_the_others_by_name(org_a):
    user = make_member(org_a, "owner")
    organizations = _join(user, 8)
    now = timezone.now()
    for n, hours in ((7, 3), (2, 1), (8, 2)):
        membership = Membership.objects.get(user=user, organization=organizations[n - 1])
        membership.last_opened_at = now - timedelta(hours=hours)
        membership.save()
    assert _listed(workspace_client(user, org_a)) == [
        "Workspace 002",
        "Workspace 008",
        "Workspace 007",
        "Workspace 001",
        "Workspace 003",
    ]


def test_entering_a_workspace_through_the_handoff_moves_it_to_the_top(org_a, org_b):
    user = make_member(org_a, "owner")
    Membership.objects.create(user=user, organization=org_b, role="viewer")
    organizations = _join(user, 6)
    client = workspace_client(user, org_a)
    assert _listed(client)[0] == "Globex Candles"  # by name while none was entered
    assert "Workspace 006" not in _listed(client)

    redeem_handoff(
        token=issue_handoff(user=user, organization=organizations[5]), organization=organizations[5]
    )
    membership = Membership.objects.get(user=user, organization=organizations[5])
    assert membership.last_opened_at is not None
    assert _listed(client)[0] == "Workspace 006"  # the cached list was dropped

    token = issue_handoff(user=user, organization=org_a)
    workspace_client(None, org_a).get(f"/auth/handoff/?ticket={token}")
    # The workspace being shown is never in its own switcher, entered last or not.
    assert _listed(client) == [
        "Workspace 006",
        "Globex Candles",
        "Workspace 001",
        "Workspace 002",
        "Workspace 003",
    ]
