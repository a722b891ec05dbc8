"""Every role against every protected workspace view: 403 without the right, never 403 with it."""

from __future__ import annotations

import pytest

from batchtrack.access import can
from billing.gates import tier_allows
from tenants.roles import PERMISSIONS, ROLE_PERMISSIONS, Role
from tests.conftest import make_member, page_text, workspace_client
from tests.workspace_urls import protected_workspace_urls

URLS = protected_workspace_urls()
CASES = [(role, path, view) for role in Role.values for path, view in URLS]


@pytest.mark.parametrize(("role", "path", "view"), CASES, ids=[f"{r}:{p}" for r, p, _ in CASES])
def test_role_against_view(org_a, role, path, view):
    member = make_member(org_a, role)
    # The effective right is "role allows it AND the tier includes it" (batchtrack.access.can).
    allowed = view.required_permission in ROLE_PERMISSIONS[role] and tier_allows(
        org_a, view.required_permission
    )
    client = workspace_client(member, org_a)
    response = client.get(path)
    if response.status_code == 405:  # a POST-only action
        response = client.post(path, {})
    if allowed:
        assert response.status_code != 403
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
