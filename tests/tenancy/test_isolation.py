"""A member of one workspace never reaches another's pages, whatever the URL or method."""

from __future__ import annotations

import pytest

from tests.conftest import make_member, workspace_client
from tests.workspace_urls import protected_workspace_urls

URLS = protected_workspace_urls()


def test_every_workspace_view_declares_a_permission():
    undeclared = [path for path, view in URLS if not getattr(view, "required_permission", None)]
    assert undeclared == []


@pytest.mark.parametrize(("path", "view"), URLS, ids=[path for path, _ in URLS])
def test_member_of_another_workspace_gets_404_for_every_url(org_a, org_b, path, view):
    outsider = make_member(org_a, "owner")
    client = workspace_client(outsider, org_b)
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404
