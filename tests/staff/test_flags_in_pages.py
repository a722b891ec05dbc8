"""Feature flags on real pages: the maker tools link (new_tools), the shared recipe library
(recipe_library) and the waitlist links of shop sync and the AI assistant follow the global
state and each workspace's own override; a flag never stands in for a permission."""

from __future__ import annotations

import pytest

from staff.flags import forget_cached_overrides
from staff.services.flags import set_flag
from tests.conftest import make_member, workspace_client


@pytest.fixture(autouse=True)
def _fresh_flags():
    forget_cached_overrides()
    yield
    forget_cached_overrides()


@pytest.fixture
def owner_b(org_b):
    return make_member(org_b, "owner")


def _page(user, organization, path: str) -> str:
    response = workspace_client(user, organization).get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_maker_tools_link_is_off_by_default(owner_a, org_a):
    assert "Maker tools" not in _page(owner_a, org_a, "/recipes/")


def test_maker_tools_link_follows_the_global_flag_and_a_workspace_can_be_left_out(
    owner_a, org_a, owner_b, org_b, staff_user
):
    set_flag(key="new_tools", enabled=True, organization=None, actor=staff_user)
    page = _page(owner_a, org_a, "/recipes/")
    assert "Maker tools" in page
    assert "/tools/" in page
    set_flag(key="new_tools", enabled=False, organization=org_b, actor=staff_user)
    assert "Maker tools" not in _page(owner_b, org_b, "/recipes/")
    assert "Maker tools" in _page(owner_a, org_a, "/recipes/")


def test_recipe_library_is_on_by_default(owner_a, org_a):
    assert "Recipe library" in _page(owner_a, org_a, "/recipes/")
    assert workspace_client(owner_a, org_a).get("/library/recipes/").status_code == 200


def test_recipe_library_turned_off_for_one_workspace_is_gone_there_only(
    owner_a, org_a, owner_b, org_b, staff_user
):
    set_flag(key="recipe_library", enabled=False, organization=org_a, actor=staff_user)
    assert "Recipe library" not in _page(owner_a, org_a, "/recipes/")
    assert workspace_client(owner_a, org_a).get("/library/recipes/").status_code == 404
    assert "Recipe library" in _page(owner_b, org_b, "/recipes/")
    assert workspace_client(owner_b, org_b).get("/library/recipes/").status_code == 200


def test_recipe_library_off_globally_but_on_for_one_workspace(
    owner_a, org_a, owner_b, org_b, staff_user
):
    set_flag(key="recipe_library", enabled=False, organization=None, actor=staff_user)
    set_flag(key="recipe_library", enabled=True, organization=org_a, actor=staff_user)
    assert workspace_client(owner_a, org_a).get("/library/recipes/").status_code == 200
    assert workspace_client(owner_b, org_b).get("/library/recipes/").status_code == 404


def test_a_flag_does_not_grant_what_the_role_may_not(org_a, staff_user):
    viewer = make_member(org_a, "viewer")
    set_flag(key="recipe_library", enabled=True, organization=org_a, actor=staff_user)
    response = workspace_client(viewer, org_a).get("/library/share/1/")
    assert response.status_code in (403, 404)


@pytest.mark.parametrize(
    ("key", "path", "words"),
    [
        ("shop_sync", "/products/", "/waitlist/?feature=shop_sync"),
        ("ai_assistant", "/recipes/", "/waitlist/?feature=ai_assistant"),
    ],
)
def test_waitlist_link_shows_only_while_its_flag_is_on_for_the_workspace(
    owner_a, org_a, owner_b, org_b, staff_user, key, path, words
):
    assert words not in _page(owner_a, org_a, path)
    set_flag(key=key, enabled=True, organization=org_a, actor=staff_user)
    assert words in _page(owner_a, org_a, path)
    assert words not in _page(owner_b, org_b, path)
