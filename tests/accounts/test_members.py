from __future__ import annotations

from tenants.models import Membership
from tests.conftest import make_member, page_text, workspace_client


def test_owner_changes_a_role(org_a, owner_a):
    member = make_member(org_a, "viewer")
    membership = Membership.objects.get(user=member)
    response = workspace_client(owner_a, org_a).post(
        f"/settings/members/{membership.pk}/role/", {"role": "admin"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_last_owner_cannot_be_demoted(org_a, owner_a):
    membership = Membership.objects.get(user=owner_a)
    client = workspace_client(owner_a, org_a)
    response = client.post(f"/settings/members/{membership.pk}/role/", {"role": "admin"})
    assert "only owner. Make someone else an owner first." in page_text(
        client.get(response["Location"])
    )
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_last_owner_cannot_be_removed(org_a, owner_a):
    membership = Membership.objects.get(user=owner_a)
    client = workspace_client(owner_a, org_a)
    response = client.post(f"/settings/members/{membership.pk}/remove/")
    assert "only owner and cannot be removed" in page_text(client.get(response["Location"]))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_owner_can_leave_when_another_owner_remains(org_a, owner_a):
    second = make_member(org_a, "owner")
    membership = Membership.objects.get(user=owner_a)
    workspace_client(second, org_a).post(f"/settings/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_admin_cannot_demote_or_remove_an_owner(org_a, owner_a):
    make_member(org_a, "owner")
    admin = make_member(org_a, "admin")
    membership = Membership.objects.get(user=owner_a)
    client = workspace_client(admin, org_a)
    client.post(f"/settings/members/{membership.pk}/role/", {"role": "viewer"})
    client.post(f"/settings/members/{membership.pk}/remove/")
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_admin_removes_a_production_member(org_a):
    admin = make_member(org_a, "admin")
    worker = make_member(org_a, "production")
    membership = Membership.objects.get(user=worker)
    workspace_client(admin, org_a).post(f"/settings/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_unknown_role_is_refused(org_a, owner_a):
    member = make_member(org_a, "viewer")
    membership = Membership.objects.get(user=member)
    client = workspace_client(owner_a, org_a)
    response = client.post(f"/settings/members/{membership.pk}/role/", {"role": "emperor"})
    assert "Choose owner, admin, production or viewer." in page_text(
        client.get(response["Location"])
    )
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_membership_of_another_workspace_is_404(org_a, owner_a, org_b):
    foreign = make_member(org_b, "viewer")
    membership = Membership.objects.get(user=foreign)
    response = workspace_client(owner_a, org_a).post(f"/settings/members/{membership.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_times_show_in_the_user_zone_else_the_workspace_zone(org_a, owner_a):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tenants.models import Invitation

    Invitation.objects.create(
        organization=org_a,
        email="x@example.com",
        role="viewer",
        token_hash="x" * 64,
        expires_at=datetime(2030, 1, 1, 0, 0, tzinfo=ZoneInfo("UTC")),
    )
    client = workspace_client(owner_a, org_a)
    assert "Jan. 1, 2030, midnight" in page_text(client.get("/settings/members/"))
    client.post(
        "/settings/profile/", {"first_name": "A", "last_name": "B", "time_zone": "Asia/Tokyo"}
    )
    owner_a.refresh_from_db()
    assert owner_a.time_zone == "Asia/Tokyo"
    assert "Jan. 1, 2030, 9 a.m." in page_text(client.get("/settings/members/"))
    client.post("/settings/profile/", {"first_name": "A", "last_name": "B", "time_zone": ""})
    org_a.time_zone = "America/New_York"
    org_a.save(update_fields=["time_zone"])
    assert "Dec. 31, 2029, 7 p.m." in page_text(client.get("/settings/members/"))
