from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from billing.errors import LimitReached
from outbox.models import OutboxMessage
from tenants.errors import InvitationError, MembershipError
from tenants.links import public_url
from tenants.models import Invitation, Membership
from tenants.services.memberships import invite_member, revoke_invitation
from tenants.services.tokens import emailed_token, hash_token
from tenants.tasks import send_invitation
from tests.billing.helpers import set_billing
from tests.conftest import (
    PASSWORD,
    make_member,
    make_user,
    page_text,
    public_client,
    workspace_client,
)


def invite(client, email="new@example.com", role="production"):
    return client.post("/settings/members/invite/", {"email": email, "role": role})


def token_from_outbox() -> str:
    return re.search(r"/invitations/([\w-]+)/", mail.outbox[-1].body).group(1)


def test_owner_invites_and_email_carries_link(org_a, owner_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(workspace_client(owner_a, org_a))
    assert response.status_code == 302
    invitation = Invitation.objects.get(organization=org_a, email="new@example.com")
    assert invitation.role == "production"
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert mail.outbox[-1].to == ["new@example.com"]
    assert "http://localhost/invitations/" in mail.outbox[-1].body
    assert mail.outbox[-1].from_email == f"{org_a.name} via BatchTrack <hello@batchtrack.local>"
    assert mail.outbox[-1].subject == f"You're invited to {org_a.name} on BatchTrack"


def test_new_user_signs_up_through_invitation_and_joins(
    org_a, owner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(workspace_client(owner_a, org_a))
    token = token_from_outbox()
    client = public_client()
    page = client.get(f"/invitations/{token}/")
    assert "Join Acme Soap Works" in page_text(page)
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "invitation": token,
        },
    )
    assert response["Location"] == "/go/acme/"
    membership = Membership.objects.get(user__email="new@example.com", organization=org_a)
    assert membership.role == "production"
    assert Invitation.objects.get(organization=org_a).accepted_by == membership.user
    assert membership.user.emailaddress_set.get().verified
    # Joining does not create a workspace of their own.
    assert Membership.objects.filter(user=membership.user).count() == 1


def test_existing_user_accepts_invitation(org_a, owner_a, org_b):
    existing = make_member(org_b, "owner", email="friend@example.com")
    _, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    response = public_client(existing).post(f"/invitations/{token}/")
    assert response["Location"] == "/go/acme/"
    assert Membership.objects.get(user=existing, organization=org_a).role == "viewer"


def test_invitation_can_be_used_once(org_a, owner_a):
    user = make_user("friend@example.com")
    _, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    public_client(user).post(f"/invitations/{token}/")
    again = public_client(user).post(f"/invitations/{token}/")
    assert again.status_code == 410
    assert "already been used" in page_text(again)
    assert Membership.objects.filter(user=user, organization=org_a).count() == 1


def test_expired_invitation_is_refused(org_a, owner_a):
    user = make_user("friend@example.com")
    invitation, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = public_client(user).post(f"/invitations/{token}/")
    assert response.status_code == 410
    assert "expired" in page_text(response)
    assert not Membership.objects.filter(user=user, organization=org_a).exists()


def test_invitation_for_someone_else_is_refused(org_a, owner_a):
    intruder = make_user("intruder@example.com")
    _, token = invite_member(
        organization=org_a, email="friend@example.com", role="admin", invited_by=owner_a
    )
    response = public_client(intruder).post(f"/invitations/{token}/")
    assert response.status_code == 400
    assert (
        "was sent to friend@example.com, but you are signed in as intruder@example.com"
        in page_text(response)
    )
    assert not Membership.objects.filter(user=intruder, organization=org_a).exists()
    assert Invitation.objects.get(organization=org_a).accepted_at is None


def test_signup_with_invitation_for_another_address_is_refused(org_a, owner_a):
    _, token = invite_member(
        organization=org_a, email="friend@example.com", role="admin", invited_by=owner_a
    )
    response = public_client().post(
        "/accounts/signup/",
        {
            "email": "other@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "invitation": token,
        },
    )
    assert "This invitation is for friend@example.com" in page_text(response)
    assert not Membership.objects.filter(
        organization=org_a, user__email="other@example.com"
    ).exists()


def test_unknown_and_revoked_invitations_are_refused(org_a, owner_a):
    assert "not valid" in page_text(public_client().get("/invitations/nonsense/"))
    invitation, token = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    workspace_client(owner_a, org_a).post(f"/settings/invitations/{invitation.pk}/revoke/")
    assert "withdrawn" in page_text(public_client().get(f"/invitations/{token}/"))


def test_inviting_an_existing_member_is_refused(org_a, owner_a):
    make_member(org_a, "viewer", email="already@example.com")
    client = workspace_client(owner_a, org_a)
    follow = client.get(invite(client, email="already@example.com")["Location"])
    assert "already@example.com is already a member of Acme Soap Works." in page_text(follow)
    assert not Invitation.objects.filter(email="already@example.com").exists()


def test_duplicate_pending_invitation_is_refused(org_a, owner_a):
    client = workspace_client(owner_a, org_a)
    invite(client)
    follow = client.get(invite(client)["Location"])
    assert "already has a pending invitation" in page_text(follow)
    assert Invitation.objects.filter(email="new@example.com").count() == 1


def test_admin_cannot_invite_an_owner(org_a):
    admin = make_member(org_a, "admin")
    client = workspace_client(admin, org_a)
    follow = client.get(invite(client, role="owner")["Location"])
    assert "Only an owner can make someone an owner." in page_text(follow)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", ["production", "viewer"])
def test_members_without_the_right_cannot_invite(org_a, role):
    member = make_member(org_a, role)
    response = invite(workspace_client(member, org_a))
    assert response.status_code == 403
    assert not Invitation.objects.exists()


# --- the invitation email goes through the outbox -------------------------------------------------


def test_invitation_email_is_enqueued_with_the_invitation(org_a, owner_a):
    invitation, token = invite_member(
        organization=org_a,
        email="friend@example.com",
        role="viewer",
        invited_by=owner_a,
        public_base="https://batchtrack.example",
    )
    message = OutboxMessage.objects.get()
    assert message.task_name == "tenants.tasks.send_invitation"
    assert message.kwargs == {}
    invitation_id, seed, public_base = message.args
    assert (invitation_id, public_base) == (invitation.pk, "https://batchtrack.example")
    # The outbox holds a seed, not the token: only the keyed hash of the seed opens the link.
    assert token not in str(message.args)
    assert emailed_token(seed) == token
    assert hash_token(token) == invitation.token_hash
    assert message.sent_at is None
    assert mail.outbox == []


def test_invitation_email_is_sent_by_the_task_once_committed(
    org_a, owner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invite_member(
            organization=org_a,
            email="Friend@Example.com",
            role="production",
            invited_by=owner_a,
            public_base="https://batchtrack.example",
        )
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["friend@example.com"]
    assert email.subject == "You're invited to Acme Soap Works on BatchTrack"
    assert f"\nhttps://batchtrack.example/invitations/{token}/\n" in email.body
    assert f"{owner_a.email} has invited you to join Acme Soap Works" in email.body
    assert "as Production" in email.body
    assert OutboxMessage.objects.get().sent_at is not None


def test_invitation_link_defaults_to_the_configured_public_site(
    org_a, owner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, token = invite_member(
            organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
        )
    assert f"\n{public_url('')}/invitations/{token}/\n" in mail.outbox[0].body


def test_invitation_withdrawn_before_the_task_runs_is_not_emailed(org_a, owner_a):
    invitation, _ = invite_member(
        organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a
    )
    revoke_invitation(invitation=invitation, actor=owner_a)
    invitation_id, seed, public_base = OutboxMessage.objects.get().args
    assert send_invitation(invitation_id, seed, public_base) is False
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("email", "role", "who", "tier", "error"),
    [
        ("already@example.com", "viewer", "owner", "team", InvitationError),
        ("pending@example.com", "viewer", "owner", "team", InvitationError),
        ("friend@example.com", "boss", "owner", "team", InvitationError),
        ("friend@example.com", "owner", "admin", "team", MembershipError),
        ("friend@example.com", "viewer", "viewer", "team", PermissionDenied),
        ("friend@example.com", "viewer", "owner", "free", LimitReached),
    ],
)
def test_a_refused_invitation_enqueues_and_sends_nothing(
    org_a, owner_a, django_capture_on_commit_callbacks, email, role, who, tier, error
):
    set_billing(org_a, tier="team", billing_status="active", stripe_subscription_id="sub_1")
    make_member(org_a, "viewer", email="already@example.com")
    invite_member(
        organization=org_a, email="pending@example.com", role="viewer", invited_by=owner_a
    )
    inviter = owner_a if who == "owner" else make_member(org_a, who)
    if tier == "free":
        set_billing(org_a, tier="free", billing_status="none", stripe_subscription_id="")
    before = list(Invitation.objects.values_list("pk", "email", "revoked_at"))
    queued = list(OutboxMessage.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(error):
        invite_member(organization=org_a, email=email, role=role, invited_by=inviter)
    assert callbacks == []
    assert list(Invitation.objects.values_list("pk", "email", "revoked_at")) == before
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == queued
    assert mail.outbox == []
