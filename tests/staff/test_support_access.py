"""Support access: refused without the owner's grant, allowed with it (or break-glass with a reason),
read-only unless the grant allows changes, and every step in the workspace's activity log."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from staff.models import SupportGrant, SupportSession
from staff.services.support import grant_support_access
from tenants.models import AuditEvent, Organization
from tests.conftest import make_member, page_text, public_client, workspace_client


def _actions(organization) -> list[str]:
    return list(
        AuditEvent.objects.filter(organization=organization)
        .order_by("id")
        .values_list("action", flat=True)
    )


def _enter(staff, organization, member, reason=""):
    """Go the whole way as staff would: start, hijack, continue, sign in on the workspace host.
    Returns the workspace client (signed in for the session) and the public client."""
    public = public_client(staff)
    started = public.post(
        "/staff/support/start/",
        {"organization": organization.slug, "member": member.email, "reason": reason},
    )
    assert started.status_code == 200, page_text(started)
    acquired = public.post(
        "/hijack/acquire/", {"user_pk": member.pk, "next": "/staff/support/continue/"}
    )
    assert acquired.status_code == 302
    assert acquired["Location"] == "/staff/support/continue/"
    onward = public.get("/staff/support/continue/")
    assert onward.status_code == 302
    target = urlsplit(onward["Location"])
    assert target.hostname == f"{organization.slug}.localhost"
    workspace = workspace_client(None, organization)
    signed_in = workspace.get(f"{target.path}?{target.query}")
    assert signed_in.status_code == 302
    return workspace, public


@pytest.fixture
def owner(org_a):
    return make_member(org_a, "owner")


@pytest.fixture
def member(org_a):
    return make_member(org_a, "production")


def test_refused_without_a_grant(org_a, member, staff_user):
    response = public_client(staff_user).post(
        "/staff/support/start/", {"organization": org_a.slug, "member": member.email, "reason": "x"}
    )
    assert response.status_code == 400
    assert "has not granted support access" in page_text(response)
    assert not SupportSession.objects.exists()
    assert "support.started" not in _actions(org_a)


def test_hijack_refused_without_a_session(org_a, member, staff_user):
    response = public_client(staff_user).post("/hijack/acquire/", {"user_pk": member.pk})
    assert response.status_code == 403


def test_allowed_with_a_grant_and_read_only(org_a, owner, member, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=3, allow_changes=False)
    workspace, _ = _enter(staff_user, org_a, member)

    page = workspace.get("/settings/members/")
    assert page.status_code == 200
    assert "is viewing this workspace as" in page_text(page)
    assert member.email in page_text(page)
    assert "(read-only)" in page_text(page)

    refused = workspace.post("/settings/data/support/off/")
    assert refused.status_code == 403
    assert "read-only" in page_text(refused)
    assert SupportGrant.objects.get(organization=org_a).is_active()

    assert _actions(org_a) == [
        "support.access_granted",
        "support.started",
        "support.page_viewed",
        "support.change_refused",
    ]
    session = SupportSession.objects.get()
    assert session.entered_at is not None and session.break_glass is False


def test_every_step_is_visible_to_the_owner(org_a, owner, member, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=1, allow_changes=False)
    workspace, _ = _enter(staff_user, org_a, member)
    workspace.get("/settings/members/")
    workspace.post("/settings/workspace/", {"name": "Renamed", "time_zone": "UTC"})
    ended = workspace.post("/support/end/")
    assert ended.status_code == 302
    assert ended["Location"].endswith("/staff/support/ended/")

    assert _actions(org_a) == [
        "support.access_granted",
        "support.started",
        "support.page_viewed",
        "support.change_refused",
        "support.ended",
    ]
    activity = page_text(workspace_client(owner, org_a).get("/settings/activity/"))
    for line in (
        "Granted support access",
        "Support started viewing the workspace as",
        "Support viewed a page as",
        "Support was refused a change (read-only) as",
        "Support session ended for",
    ):
        assert line in activity
    assert staff_user.email in activity
    # The workspace host session is over.
    assert workspace.get("/settings/members/").status_code == 302


def test_changes_when_the_grant_allows_them(org_a, owner, member, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=1, allow_changes=True)
    workspace, _ = _enter(staff_user, org_a, member)
    # A production member may not change settings: the member's own rights still apply.
    workspace.post("/settings/workspace/", {"name": "Renamed", "time_zone": "UTC"})
    assert Organization.objects.get(pk=org_a.pk).name == org_a.name

    support = SupportSession.objects.get()
    assert support.allow_changes is True
    response = workspace.post("/notifications/read-all/")
    assert response.status_code in (200, 302)
    assert "support.change_made" in _actions(org_a)


def test_break_glass_needs_a_reason(org_a, member, break_glass_staff):
    response = public_client(break_glass_staff).post(
        "/staff/support/start/", {"organization": org_a.slug, "member": member.email, "reason": " "}
    )
    assert response.status_code == 400
    assert "write why you need access" in page_text(response)
    assert not SupportSession.objects.exists()


def test_break_glass_with_a_reason_is_read_only(org_a, member, break_glass_staff):
    workspace, _ = _enter(break_glass_staff, org_a, member, reason="Ticket 42: stock missing")
    session = SupportSession.objects.get()
    assert session.break_glass is True and session.allow_changes is False
    assert workspace.post("/notifications/read-all/").status_code == 403
    started = AuditEvent.objects.get(organization=org_a, action="support.started")
    assert started.details["reason"] == "Ticket 42: stock missing"


def test_member_of_another_workspace_is_refused(org_a, org_b, owner, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=1, allow_changes=False)
    outsider = make_member(org_b, "owner")
    response = public_client(staff_user).post(
        "/staff/support/start/", {"organization": org_a.slug, "member": outsider.email}
    )
    assert response.status_code == 400
    assert "is not a member of" in page_text(response)


def test_expired_session_ends_itself(org_a, owner, member, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=1, allow_changes=False)
    workspace, _ = _enter(staff_user, org_a, member)
    SupportSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = workspace.get("/settings/members/")
    assert response.status_code == 403
    assert "The support session has ended" in page_text(response)
    assert _actions(org_a)[-1] == "support.ended"


def test_owner_revoking_ends_open_sessions(org_a, owner, member, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=1, allow_changes=False)
    workspace, _ = _enter(staff_user, org_a, member)
    response = workspace_client(owner, org_a).post("/settings/data/support/off/")
    assert response.status_code == 302
    assert SupportSession.objects.get().ended_at is not None
    assert workspace.get("/").status_code == 403


def test_release_ends_the_session_on_the_public_host(org_a, owner, member, staff_user):
    grant_support_access(organization=org_a, actor=owner, days=1, allow_changes=False)
    _, public = _enter(staff_user, org_a, member)
    assert "Return to your own account" in page_text(public.get("/staff/support/ended/"))
    released = public.post("/hijack/release/", {"next": "/admin/"})
    assert released.status_code == 302
    assert SupportSession.objects.get().ended_at is not None


def test_owner_grants_from_the_data_page(org_a, owner):
    client = workspace_client(owner, org_a)
    assert "Support access is off" in page_text(client.get("/settings/data/"))
    response = client.post("/settings/data/support/", {"days": "7", "allow_changes": "on"})
    assert response.status_code == 302
    grant = SupportGrant.objects.get(organization=org_a)
    assert grant.allow_changes is True
    assert grant.expires_at > timezone.now() + timedelta(days=6)
    assert client.post("/settings/data/support/", {"days": "99"}).status_code == 400


def test_admins_cannot_grant_support(org_a):
    admin = make_member(org_a, "admin")
    assert workspace_client(admin, org_a).get("/settings/data/").status_code == 403


def test_unknown_workspace_or_person_is_named(staff_user):
    response = public_client(staff_user).post(
        "/staff/support/start/", {"organization": "nowhere", "member": "nobody@example.com"}
    )
    assert response.status_code == 400
    assert "There is no workspace at nowhere." in page_text(response)
    assert "There is no account for nobody@example.com." in page_text(response)
