"""The one answer to "may this user do X in this organization?": role allows it AND tier includes it.

Views (the `permission_required` decorator), templates (`{% can %}`) and services all ask `can`. It
sits above the two apps it joins, so that neither imports the other: the role half is tenants'
(tenants.roles, Membership), the tier half billing's (billing.gates). `check_member_limit` joins
them the same way for the one limit whose count (members and pending invitations) is tenants'.
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from billing.tiers import PERMISSION_FEATURES
from tenants.roles import PERMISSIONS, permissions_for_role

if TYPE_CHECKING:
    from tenants.models import Membership, Organization, User


class UnknownPermission(LookupError):
    pass


def _check_tier_gated_permissions() -> None:
    for permission in PERMISSION_FEATURES:
        if permission not in PERMISSIONS:
            raise UnknownPermission(
                f"billing.tiers.PERMISSION_FEATURES names an undeclared permission '{permission}'."
            )


_check_tier_gated_permissions()


def membership_for(user: User, organization: Organization) -> Membership | None:
    from tenants.models import Membership

    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organization=organization).first()


def can(
    user: User,
    organization: Organization,
    permission: str,
    *,
    membership: Membership | None = None,
) -> bool:
    """True when the user's role in the organization grants `permission` AND the organization's
    tier includes it (billing.tiers.PERMISSION_FEATURES lists the permissions a tier gates).

    Pass `membership` when the caller already holds it (the request does) to save a query. The tier
    half reads only the organization row, never Stripe.
    """
    if permission not in PERMISSIONS:
        raise UnknownPermission(f"'{permission}' is not a declared permission")
    membership = membership or membership_for(user, organization)
    if membership is None or membership.organization_id != organization.pk:
        return False
    return role_can(membership.role, organization, permission)


def role_can(role: str, organization: Organization, permission: str) -> bool:
    """`can` for a role rather than a member: what an API key (api.models.ApiKey, which carries a
    role of its own) may do. Role allows it AND tier includes it, the same two halves."""
    if permission not in PERMISSIONS:
        raise UnknownPermission(f"'{permission}' is not a declared permission")
    if permission not in permissions_for_role(role):
        return False
    from billing.gates import tier_allows

    return tier_allows(organization, permission)


def check_member_limit(organization: Organization) -> None:
    """The plan's member limit, for a service about to invite someone: locks the organization row
    until the caller's transaction ends and counts members plus pending invitations under the lock
    (billing.gates.lock_and_check_limit). Raises LimitReached or WorkspaceReadOnly."""
    from billing.gates import lock_and_check_limit
    from tenants.selectors import seats_taken

    lock_and_check_limit(
        organization=organization, limit="members", count=lambda: seats_taken(organization)
    )


def require(user: User, organization: Organization, permission: str, *, membership=None) -> None:
    """Raise PermissionDenied unless `can(...)`; for services."""
    if not can(user, organization, permission, membership=membership):
        raise PermissionDenied(f"You do not have permission to {PERMISSIONS[permission].lower()}.")


def request_can(request, permission: str) -> bool:
    membership = getattr(request, "membership", None)
    if membership is None:
        return False
    return can(request.user, request.tenant, permission, membership=membership)


def permission_required(permission: str):
    """View decorator for workspace views: 403 page unless the member may do `permission`."""
    if permission not in PERMISSIONS:
        raise UnknownPermission(f"'{permission}' is not a declared permission")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request_can(request, permission):
                raise PermissionDenied(
                    f"You do not have permission to {PERMISSIONS[permission].lower()}."
                )
            return view(request, *args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator
