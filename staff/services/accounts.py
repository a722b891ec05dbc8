"""A person deleting their own account."""

from __future__ import annotations

from django.db import transaction

from staff.errors import AccountDeletionBlocked
from staff.models import WorkspaceDeletion
from tenants.audit import record_audit
from tenants.models import Membership, Organization, User
from tenants.roles import Role


def sole_owned_workspaces(user: User) -> list[Organization]:
    """Workspaces `user` is the only owner of, leaving out those already being deleted."""
    owned = Membership.objects.filter(user=user, role=Role.OWNER).values_list(
        "organization_id", flat=True
    )
    pending = WorkspaceDeletion.objects.filter(organization__isnull=False).values_list(
        "organization_id", flat=True
    )
    sole = []
    for organization in Organization.objects.filter(pk__in=owned).exclude(pk__in=pending):
        others = Membership.objects.filter(organization=organization, role=Role.OWNER).exclude(
            user=user
        )
        if not others.exists():
            sole.append(organization)
    return sole


def delete_account(*, user: User, confirm_email: str) -> None:
    """Delete `user`: memberships (each recorded in that workspace's activity log), email
    addresses, sessions' owner. Raises AccountDeletionBlocked while the user is the last owner of a
    workspace (transfer ownership or delete it first) or when the typed address is not theirs."""
    if (confirm_email or "").strip().lower() != user.email.lower():
        raise AccountDeletionBlocked(
            "Type your email address exactly to confirm.", field="confirm_email"
        )
    with transaction.atomic():
        # Lock the memberships' workspaces: a concurrent change of owners waits for us.
        organization_ids = list(
            Membership.objects.filter(user=user).values_list("organization_id", flat=True)
        )
        list(
            Organization.objects.select_for_update().filter(pk__in=organization_ids).order_by("pk")
        )
        blocking = sole_owned_workspaces(user)
        if blocking:
            names = ", ".join(o.name for o in blocking)
            raise AccountDeletionBlocked(
                f"You are the only owner of {names}. Make another member an owner, or delete the "
                "workspace, before deleting your account.",
                workspaces=[o.slug for o in blocking],
            )
        for membership in Membership.objects.filter(user=user).select_related("organization"):
            record_audit(
                organization=membership.organization,
                actor=None,
                action="member.account_deleted",
                details={"role": membership.role},
            )
        user.delete()
