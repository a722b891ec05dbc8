"""Invitations and memberships: the only code that writes Membership and Invitation rows."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from batchtrack.access import check_member_limit, require
from outbox.services import enqueue
from tenants.audit import record_audit
from tenants.errors import InvitationError, MembershipError
from tenants.links import public_url
from tenants.mail import workspace_sender
from tenants.models import Invitation, Membership, Organization, User
from tenants.roles import Role
from tenants.services.tokens import emailed_token, hash_token, new_emailed_token
from tenants.tasks import send_invitation as send_invitation_task


def _normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def invite_member(
    *,
    organization: Organization,
    email: str,
    role: str,
    invited_by: User,
    public_base: str | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and queue the email with its link; returns the invitation and the token.

    `public_base` is the public site's origin the link starts with ("https://batchtrack.app"; by
    default the configured one). The email goes through the outbox (`send_invitation`), so it is
    sent once the invitation is committed and never for one that is not.

    Owners and admins may invite; only an owner may invite another owner. Locks the organization row.
    Raises InvitationError for an existing member or a pending invitation to the same address,
    LimitReached at the plan's member limit, PermissionDenied without the right.
    """
    require(invited_by, organization, "members.manage")
    email = _normalise_email(email)
    if role not in Role.values:
        raise InvitationError(
            f"'{role}' is not a role. Choose owner, admin, production or viewer.", field="role"
        )
    _require_owner_for_owner_role(organization, invited_by, role)
    with transaction.atomic():
        Organization.objects.select_for_update().get(pk=organization.pk)
        if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
            raise InvitationError(
                f"{email} is already a member of {organization.name}.", field="email"
            )
        pending = Invitation.objects.filter(
            organization=organization,
            email=email,
            accepted_at=None,
            revoked_at=None,
            expires_at__gt=timezone.now(),
        )
        if pending.exists():
            raise InvitationError(
                f"{email} already has a pending invitation. Revoke it first to send a new one.",
                field="email",
            )
        check_member_limit(organization)
        seed, token, token_hash = new_emailed_token()
        now = timezone.now()
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token_hash=token_hash,
            invited_by=invited_by,
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        record_audit(
            organization=organization,
            actor=invited_by,
            action="invitation.sent",
            target=email,
            details={"role": role},
        )
        enqueue(
            send_invitation_task,
            invitation.pk,
            seed,
            public_base if public_base is not None else public_url(""),
        )
    return invitation, token


def send_invitation(*, invitation_id: int, seed: str, public_base: str) -> bool:
    """Email a pending invitation its link (`seed` rebuilds the token: see tokens.new_emailed_token).

    Run by the `send_invitation` task after `invite_member` commits. Sends nothing, and returns
    False, for an invitation accepted, withdrawn or expired since. Writes nothing.
    """
    invitation = (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return False
    token = emailed_token(seed)
    body = render_to_string(
        "tenants/email/invitation.txt",
        {
            "organization": invitation.organization,
            "invitation": invitation,
            "link": f"{public_base}/invitations/{token}/",
            "inviter": invitation.invited_by,
        },
    )
    send_mail(
        f"You're invited to {invitation.organization.name} on BatchTrack",
        body,
        workspace_sender(invitation.organization.name),
        [invitation.email],
    )
    return True


def _require_owner_for_owner_role(organization: Organization, actor: User, role: str) -> None:
    if (
        role == Role.OWNER
        and not Membership.objects.filter(
            organization=organization, user=actor, role=Role.OWNER
        ).exists()
    ):
        raise MembershipError("Only an owner can make someone an owner.", field="role")


def find_invitation(token: str) -> Invitation:
    """The invitation a token names, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationError("This invitation link is not valid. Ask for a new invitation.")
    if invitation.accepted_at is not None:
        raise InvitationError(
            "This invitation has already been used. Sign in to reach the workspace."
        )
    if invitation.revoked_at is not None:
        raise InvitationError("This invitation was withdrawn. Ask for a new invitation.")
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            f"This invitation expired on {invitation.expires_at:%Y-%m-%d}. Ask {invitation.organization.name} "
            "for a new one."
        )
    return invitation


def accept_invitation(*, token: str, user: User) -> Membership:
    """Turn an invitation into a membership for `user`, once, and only for the invited address."""
    with transaction.atomic():
        invitation = find_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationError(
                "This invitation has already been used. Sign in to reach the workspace."
            )
        if _normalise_email(user.email) != invitation.email:
            raise InvitationError(
                f"This invitation was sent to {invitation.email}, but you are signed in as {user.email}. "
                "Sign in with the invited address to accept it."
            )
        if Membership.objects.filter(organization=invitation.organization, user=user).exists():
            raise InvitationError(f"You are already a member of {invitation.organization.name}.")
        membership = Membership.objects.create(
            user=user, organization=invitation.organization, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        mark_email_verified(user=user, email=invitation.email)
        record_audit(
            organization=invitation.organization,
            actor=user,
            action="invitation.accepted",
            target=invitation.email,
            details={"role": invitation.role},
        )
    return membership


def mark_email_verified(*, user: User, email: str) -> None:
    """Following an emailed invitation link proves the address (when allauth already records it)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user, email__iexact=email).update(verified=True)


def revoke_invitation(*, invitation: Invitation, actor: User) -> None:
    require(actor, invitation.organization, "members.manage")
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationError(
                "This invitation was already accepted; remove the member instead."
            )
        if invitation.revoked_at is not None:
            return  # already withdrawn: nothing changes, nothing to record
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_audit(
            organization=invitation.organization,
            actor=actor,
            action="invitation.revoked",
            target=invitation.email,
            details={"role": invitation.role},
        )


def change_role(*, membership: Membership, role: str, actor: User) -> Membership:
    """Change a member's role; the last owner cannot be demoted."""
    organization = membership.organization
    require(actor, organization, "members.manage")
    if role not in Role.values:
        raise MembershipError(
            f"'{role}' is not a role. Choose owner, admin, production or viewer.", field="role"
        )
    with transaction.atomic():
        owners = _lock_owners(organization)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role == Role.OWNER or membership.role == Role.OWNER:
            _require_owner_for_owner_role(organization, actor, Role.OWNER)
        if membership.role == Role.OWNER and role != Role.OWNER and owners == [membership.pk]:
            raise MembershipError(
                "This is the workspace's only owner. Make someone else an owner first.",
                field="role",
            )
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        if previous != role:
            record_audit(
                organization=organization,
                actor=actor,
                action="member.role_changed",
                target=membership.user.email,
                details={"from": previous, "to": role},
            )
    return membership


def remove_member(*, membership: Membership, actor: User) -> None:
    """Remove a member; the last owner cannot be removed."""
    organization = membership.organization
    require(actor, organization, "members.manage")
    with transaction.atomic():
        owners = _lock_owners(organization)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.OWNER:
            _require_owner_for_owner_role(organization, actor, Role.OWNER)
            if owners == [membership.pk]:
                raise MembershipError("This is the workspace's only owner and cannot be removed.")
        record_audit(
            organization=organization,
            actor=actor,
            action="member.removed",
            target=membership.user.email,
            details={"role": membership.role},
        )
        membership.delete()


def _lock_owners(organization: Organization) -> list[int]:
    """Lock the organization row (the mutex for its memberships) and list owner membership ids."""
    Organization.objects.select_for_update().get(pk=organization.pk)
    return list(
        Membership.objects.filter(organization=organization, role=Role.OWNER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
