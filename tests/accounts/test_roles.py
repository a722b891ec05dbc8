"""Every role against every protected workspace view: 403 without the right, success with it.

The sweep requests each view with URL arguments that name real rows (`sample_arguments`), so a
role that may use a view reaches the view itself, not a 404 for a made-up id. The rule for an
allowed role: a page (GET) answers 2xx or 3xx; a POST-only action, posted with the minimal valid
data it needs (`POST_DATA`, else nothing), answers 2xx or 3xx, or 400 only as the form shown again
with its errors (an action that needs data it was not given). Any other 4xx or 5xx is a failure,
even though it is not a 403.
"""

from __future__ import annotations

import pytest

from batchtrack.access import can
from billing.gates import tier_allows
from tenants.roles import PERMISSIONS, ROLE_PERMISSIONS, Role
from tests.conftest import make_member, page_text, workspace_client
from tests.workspace_urls import OPEN_VIEWS, routes, sample_arguments

ROUTES = [r for r in routes("batchtrack.urls_tenant") if r.view.__name__ not in OPEN_VIEWS]
CASES = [(role, route) for role in Role.values for route in ROUTES]

# What a POST-only action needs to succeed; any other action is posted empty.
POST_DATA: dict[str, dict[str, str]] = {
    "inventory:unit_create": {"name": "tub", "quantity": "500", "unit": "g", "kind": ""},
}


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
def test_role_against_view(org_a, role, route):
    member = make_member(org_a, role)
    view = route.view
    # The effective right is "role allows it AND the tier includes it" (batchtrack.access.can).
    allowed = view.required_permission in ROLE_PERMISSIONS[role] and tier_allows(
        org_a, view.required_permission
    )
    # Only an allowed role on a route naming rows needs real ones: a refusal comes before any lookup.
    names_rows = "<" in route.route
    arguments = sample_arguments(org_a, member, route=route.name) if allowed and names_rows else {}
    path, response = _request(workspace_client(member, org_a), route, arguments)
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
