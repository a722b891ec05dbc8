from __future__ import annotations

from tenants.models import Organization
from tenants.services.organizations import reactivate_organization, suspend_organization
from tests.conftest import make_member, make_user, page_text, public_client, workspace_client


def test_members_of_suspended_workspace_see_a_clear_page(org_a, owner_a):
    suspend_organization(organization=org_a, reason="unpaid")
    response = workspace_client(owner_a, org_a).get("/settings/members/")
    assert response.status_code == 403
    assert "Acme Soap Works is suspended" in page_text(response)
    assert "nothing has been deleted" in page_text(response)


def test_reactivated_workspace_works_again(org_a, owner_a):
    suspend_organization(organization=org_a)
    reactivate_organization(organization=org_a)
    assert workspace_client(owner_a, org_a).get("/").status_code == 200


def test_suspension_does_not_reveal_workspace_to_outsiders(org_a, org_b):
    suspend_organization(organization=org_a)
    outsider = make_member(org_b, "owner")
    assert workspace_client(outsider, org_a).get("/").status_code == 404


def test_staff_suspend_and_reactivate_from_admin(org_a, owner_a):
    staff = make_user("staff@example.com", is_staff=True, is_superuser=True)
    client = public_client(staff)
    changelist = client.get("/admin/tenants/organization/")
    assert changelist.status_code == 200
    assert "Acme Soap Works" in page_text(changelist)
    client.post(
        "/admin/tenants/organization/",
        {"action": "suspend", "_selected_action": [org_a.pk]},
    )
    assert Organization.objects.get(pk=org_a.pk).status == "suspended"
    client.post(
        "/admin/tenants/organization/",
        {"action": "reactivate", "_selected_action": [org_a.pk]},
    )
    assert Organization.objects.get(pk=org_a.pk).status == "active"


def test_admin_shows_members_of_an_organization(org_a, owner_a):
    staff = make_user("staff@example.com", is_staff=True, is_superuser=True)
    response = public_client(staff).get(f"/admin/tenants/organization/{org_a.pk}/change/")
    assert response.status_code == 200
    assert owner_a.email in page_text(response)


def test_non_staff_cannot_use_admin(org_a, owner_a):
    response = public_client(owner_a).get("/admin/tenants/organization/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
