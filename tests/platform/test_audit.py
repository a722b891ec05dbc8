"""The audit log: one row per sensitive change, none for a change that failed, append-only, shown to
owners and admins of the workspace only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from batchtrack.errors import DomainError
from tenants.audit import record_audit
from tenants.models import AuditEvent, Invitation, Membership
from tenants.services.memberships import (
    accept_invitation,
    change_role,
    invite_member,
    remove_member,
    revoke_invitation,
)
from tenants.services.organizations import reactivate_organization, suspend_organization
from tests.conftest import (
    ensure_workspace,
    make_member,
    make_user,
    page_text,
    public_client,
    workspace_client,
)


def rows(organization):
    return list(
        AuditEvent.objects.filter(organization=organization)
        .order_by("id")
        .values_list("action", "actor_email", "target", "details")
    )


def test_sending_an_invitation_is_recorded(org_a, owner_a):
    invite_member(organization=org_a, email="New@Example.com", role="viewer", invited_by=owner_a)
    assert rows(org_a) == [
        ("invitation.sent", owner_a.email, "new@example.com", {"role": "viewer"})
    ]


def test_inviting_through_the_page_is_recorded(org_a, owner_a):
    workspace_client(owner_a, org_a).post(
        "/settings/members/invite/", {"email": "friend@example.com", "role": "production"}
    )
    event = AuditEvent.objects.get(organization=org_a)
    assert (event.action, event.actor, event.target) == (
        "invitation.sent",
        owner_a,
        "friend@example.com",
    )


def test_refused_invitations_record_nothing(org_a, owner_a):
    make_member(org_a, "viewer", email="already@example.com")
    with pytest.raises(DomainError):
        invite_member(
            organization=org_a, email="already@example.com", role="viewer", invited_by=owner_a
        )
    viewer = Membership.objects.get(user__email="already@example.com").user
    with pytest.raises(PermissionDenied):
        invite_member(organization=org_a, email="x@example.com", role="viewer", invited_by=viewer)
    with pytest.raises(DomainError):
        invite_member(organization=org_a, email="x@example.com", role="boss", invited_by=owner_a)
    assert rows(org_a) == []


def test_accepting_an_invitation_is_recorded_with_the_new_member_as_actor(org_a, owner_a):
    friend = make_user("friend@example.com")
    _, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    public_client(friend).post(f"/invitations/{token}/")
    assert rows(org_a)[-1] == (
        "invitation.accepted",
        "friend@example.com",
        "friend@example.com",
        {"role": "viewer"},
    )


def test_a_refused_acceptance_records_nothing(org_a, owner_a):
    intruder = make_user("intruder@example.com")
    _, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    with pytest.raises(DomainError):
        accept_invitation(token=token, user=intruder)
    assert [r[0] for r in rows(org_a)] == ["invitation.sent"]


def test_revoking_is_recorded_once(org_a, owner_a):
    invitation, _ = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    revoke_invitation(invitation=invitation, actor=owner_a)
    revoke_invitation(invitation=invitation, actor=owner_a)
    assert [r[0] for r in rows(org_a)] == ["invitation.sent", "invitation.revoked"]


def test_revoking_an_accepted_invitation_records_nothing(org_a, owner_a):
    friend = make_user("friend@example.com")
    invitation, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    accept_invitation(token=token, user=friend)
    with pytest.raises(DomainError):
        revoke_invitation(invitation=invitation, actor=owner_a)
    assert [r[0] for r in rows(org_a)] == ["invitation.sent", "invitation.accepted"]


def test_role_change_records_old_and_new_role(org_a, owner_a):
    member = make_member(org_a, "viewer", email="worker@example.com")
    membership = Membership.objects.get(user=member)
    workspace_client(owner_a, org_a).post(
        f"/settings/members/{membership.pk}/role/", {"role": "production"}
    )
    assert rows(org_a) == [
        (
            "member.role_changed",
            owner_a.email,
            "worker@example.com",
            {"from": "viewer", "to": "production"},
        )
    ]


def test_failed_or_empty_role_changes_record_nothing(org_a, owner_a):
    own = Membership.objects.get(user=owner_a)
    with pytest.raises(DomainError):  # the only owner
        change_role(membership=own, role="admin", actor=owner_a)
    with pytest.raises(DomainError):
        change_role(membership=own, role="emperor", actor=owner_a)
    change_role(membership=own, role="owner", actor=owner_a)  # already owner: no change
    viewer = make_member(org_a, "viewer")
    with pytest.raises(PermissionDenied):
        change_role(membership=own, role="viewer", actor=viewer)
    assert rows(org_a) == []


def test_removing_a_member_is_recorded(org_a, owner_a):
    member = make_member(org_a, "production", email="leaver@example.com")
    remove_member(membership=Membership.objects.get(user=member), actor=owner_a)
    assert rows(org_a) == [
        ("member.removed", owner_a.email, "leaver@example.com", {"role": "production"})
    ]


def test_refused_removal_records_nothing(org_a, owner_a):
    with pytest.raises(DomainError):
        remove_member(membership=Membership.objects.get(user=owner_a), actor=owner_a)
    assert rows(org_a) == []
    assert Membership.objects.filter(user=owner_a).exists()


def test_staff_suspension_and_reactivation_are_recorded(org_a, owner_a):
    staff = make_user("staff@example.com", is_staff=True, is_superuser=True)
    client = public_client(staff)
    for action in ("suspend", "suspend", "reactivate"):
        client.post(
            "/admin/tenants/organization/", {"action": action, "_selected_action": [org_a.pk]}
        )
    assert rows(org_a) == [
        (
            "workspace.suspended",
            "staff@example.com",
            "",
            {"reason": "Suspended by staff@example.com"},
        ),
        ("workspace.reactivated", "staff@example.com", "", {}),
    ]


def test_reactivating_an_active_workspace_records_nothing(org_a):
    reactivate_organization(organization=org_a)
    assert rows(org_a) == []


def test_system_actions_have_no_actor(org_a):
    suspend_organization(organization=org_a, reason="unpaid")
    event = AuditEvent.objects.get(organization=org_a)
    assert (event.actor, event.actor_email, event.details) == (None, "", {"reason": "unpaid"})


def test_record_audit_needs_the_callers_transaction(transactional_db):
    organization = ensure_workspace("acme")
    user = make_user()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_audit(organization=organization, actor=user, action="member.removed")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("action", ["", "removed", "Member.Removed", "member removed", "member."])
def test_record_audit_refuses_malformed_action_names(org_a, owner_a, action):
    with pytest.raises(ValueError, match="dotted lower-case name"):
        record_audit(organization=org_a, actor=owner_a, action=action)
    assert rows(org_a) == []


def test_undeclared_actions_are_recorded_and_shown_by_name(org_a, owner_a):
    record_audit(
        organization=org_a, actor=owner_a, action="billing.seats_added", details={"seats": 3}
    )
    text = page_text(workspace_client(owner_a, org_a).get("/settings/activity/"))
    assert "billing.seats_added" in text
    assert "seats: 3" in text


def test_audit_rows_cannot_be_changed_or_deleted(org_a, owner_a):
    event = record_audit(organization=org_a, actor=owner_a, action="member.removed", target="x")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(target="y")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).target == "x"


def test_deleting_a_user_keeps_their_audit_rows(org_a):
    leaver = make_member(org_a, "owner", email="gone@example.com")
    invite_member(organization=org_a, email="x@example.com", role="viewer", invited_by=leaver)
    Membership.objects.filter(user=leaver).delete()
    leaver.delete()
    assert rows(org_a) == [
        ("invitation.sent", "gone@example.com", "x@example.com", {"role": "viewer"})
    ]


def test_activity_page_lists_the_workspaces_events_newest_first(org_a, org_b, owner_a):
    invitation, _ = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    revoke_invitation(invitation=invitation, actor=owner_a)
    other_owner = make_member(org_b, "owner")
    invite_member(
        organization=org_b, email="secret@example.com", role="viewer", invited_by=other_owner
    )
    response = workspace_client(owner_a, org_a).get("/settings/activity/")
    text = page_text(response)
    assert response.status_code == 200
    assert text.index("Withdrew the invitation for friend@example.com") < text.index(
        "Invited friend@example.com"
    )
    assert "secret@example.com" not in text


@pytest.mark.parametrize(
    ("role", "status"), [("owner", 200), ("admin", 200), ("production", 403), ("viewer", 403)]
)
def test_activity_page_is_for_owners_and_admins(org_a, role, status):
    member = make_member(org_a, role)
    client = workspace_client(member, org_a)
    assert client.get("/settings/activity/").status_code == status
    nav = page_text(client.get("/"))
    assert ('href="/settings/activity/"' in nav) is (status == 200)


def test_admin_shows_audit_events_read_only(org_a, owner_a):
    invite_member(organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a)
    event = AuditEvent.objects.get(organization=org_a)
    client = public_client(make_user("staff@example.com", is_staff=True, is_superuser=True))
    listing = client.get("/admin/tenants/auditevent/")
    assert listing.status_code == 200
    assert "friend@example.com" in page_text(listing)
    detail = client.get(f"/admin/tenants/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert "Invited" in page_text(detail)
    assert client.get("/admin/tenants/auditevent/add/").status_code == 403
    client.post(f"/admin/tenants/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert Invitation.objects.filter(organization=org_a).count() == 1
