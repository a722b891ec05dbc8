"""Every role against every protected workspace view: 403 without the right, success with it.

The sweep requests each view with URL arguments that name real rows (`sample_rows`, built once per
test database in a workspace of their own, and `member_rows` for the requesting member), so a role
that may use a view reaches the view itself, not a 404 for a made-up id. Each test's own changes
(a POSTed action) roll back, so every test meets the same rows. The rule for an
allowed role: a page (GET) answers 2xx or 3xx; a POST-only action, posted with the minimal valid
data it needs (`POST_DATA`, else nothing), answers 2xx or 3xx, or 400 only as the form shown again
with its errors (an action that needs data it was not given). Any other 4xx or 5xx is a failure,
even though it is not a 403.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from batchtrack.access import can
from billing.gates import tier_allows
from tenants.roles import PERMISSIONS, ROLE_PERMISSIONS, Role
from tests.concurrency import empty_workspace
from tests.conftest import ensure_workspace, make_member, page_text, workspace_client
from tests.workspace_urls import OPEN_VIEWS, member_rows, routes, sample_rows

ROUTES = [r for r in routes("batchtrack.urls_tenant") if r.view.__name__ not in OPEN_VIEWS]
CASES = [(role, route) for role in Role.values for route in ROUTES]

# What a POST-only action needs to succeed; any other action is posted empty.
POST_DATA: dict[str, dict[str, str]] = {
    "inventory:unit_create": {"name": "tub", "quantity": "500", "unit": "g", "kind": ""},
}


# Every workspace app (contenttypes is shared).
SWEEP_APPS = [app for app in settings.TENANT_APPS if app not in settings.SHARED_APPS]


@pytest.fixture(scope="session")
def sweep_rows(django_db_setup, django_db_blocker) -> dict[str, dict[str, int | str]]:
    """The shared rows, committed in the `sweep` workspace (emptied first: a reused test database
    still holds the last run's)."""
    with django_db_blocker.unblock():
        organization = ensure_workspace("sweep", "Sweep Soap Co")
        empty_workspace(organization, SWEEP_APPS)
        return sample_rows(organization)


@pytest.fixture
def sweep(db, sweep_rows):
    # Transactional tests elsewhere empty the public tables; the schema and its rows survive them.
    return ensure_workspace("sweep", "Sweep Soap Co")


def _form_shown_again(response) -> bool:
    """A 400 that is a form re-rendered with its errors, not a refusal or a crash."""
    contexts = response.context if isinstance(response.context, list) else [response.context]
    forms = [
        value
        for context in contexts
        if context is not None
        for value in context.flatten().values()
        if hasattr(value, "errors")
    ]
    return response.status_code == 400 and any(form.errors for form in forms)


def _request(client, route, arguments):
    path = route.path(arguments.get(route.name))
    response = client.get(path)
    if response.status_code == 405:  # a POST-only action
        response = client.post(path, POST_DATA.get(route.name, {}))
    return path, response


@pytest.mark.parametrize(("role", "route"), CASES, ids=[f"{r}:{route.route}" for r, route in CASES])
def test_role_against_view(sweep, sweep_rows, role, route):
    member = make_member(sweep, role)
    view = route.view
    # The effective right is "role allows it AND the tier includes it" (batchtrack.access.can).
    allowed = view.required_permission in ROLE_PERMISSIONS[role] and tier_allows(
        sweep, view.required_permission
    )
    # Only an allowed role on a route naming rows needs real ones: a refusal comes before any lookup.
    names_rows = "<" in route.route
    arguments = {}
    if allowed and names_rows:
        arguments = {**sweep_rows, **member_rows(sweep, member, route.name)}
    path, response = _request(workspace_client(member, sweep), route, arguments)
    if allowed:
        succeeded = 200 <= response.status_code < 400
        assert succeeded or _form_shown_again(response), (path, response.status_code)
    else:
        assert response.status_code == 403
        assert "You do not have permission to" in page_text(response)


def test_owner_has_every_permission():
    assert ROLE_PERMISSIONS[Role.OWNER] == frozenset(PERMISSIONS)


def test_viewer_only_views():
    assert all(p.endswith(".view") for p in ROLE_PERMISSIONS[Role.VIEWER])


def test_can_answers_per_organization(org_a, org_b):
    admin = make_member(org_a, "admin")
    assert can(admin, org_a, "members.manage")
    assert not can(admin, org_b, "members.manage")
    assert not can(admin, org_a, "billing.manage")


def test_can_rejects_undeclared_permission(org_a, owner_a):
    from batchtrack.access import UnknownPermission

    with pytest.raises(UnknownPermission):
        can(owner_a, org_a, "inventory.teleport")


def test_template_tag_hides_manage_controls_from_viewer(org_a):
    viewer = make_member(org_a, "viewer")
    text = page_text(workspace_client(viewer, org_a).get("/settings/members/"))
    assert "Invite someone" not in text
    owner = make_member(org_a, "owner")
    assert "Invite someone" in page_text(workspace_client(owner, org_a).get("/settings/members/"))
