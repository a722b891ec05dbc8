"""Tier gates: one function for features, one for limits. Views, templates and services all ask these.

Both read only the organization row (its tier, billing status and complimentary tier, through
billing.policy); never Stripe or dj-stripe, so they are safe on every request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from billing.errors import LimitReached
from billing.policy import as_organization, effective_tier, require_writable
from billing.tiers import (
    LIMITS,
    PERMISSION_FEATURES,
    next_tier_raising,
    require_feature_key,
    require_limit_key,
)

if TYPE_CHECKING:
    from tenants.models import Organization


def has_feature(organization: Organization, feature: str) -> bool:
    """True when the organization's effective tier includes `feature`; unknown keys raise."""
    require_feature_key(feature)
    return feature in effective_tier(organization).features


def tier_allows(organization: Organization, permission: str) -> bool:
    """The tier half of `tenants.access.can`: permissions not tied to a feature are always allowed."""
    feature = PERMISSION_FEATURES.get(permission)
    return feature is None or has_feature(organization, feature)


def check_limit(*, organization: Organization, limit: str, current: int, adding: int = 1) -> None:
    """Raise LimitReached when `current + adding` would exceed the organization's `limit`.

    `current` is how many the workspace holds now (for "batches_per_month": this calendar month).
    Also raises WorkspaceReadOnly when the workspace may not change at all. Unknown limit names
    raise UnknownLimit.
    """
    require_limit_key(limit)
    access = require_writable(organization)
    allowed = access.tier.limit(limit)
    if allowed is None or current + adding <= allowed:
        return
    singular, plural = LIMITS[limit]
    better = next_tier_raising(access.tier, limit)
    if better is None:
        how = "Contact BatchTrack support to raise it."
    else:
        more = better.limit(limit)
        how = (
            f"Upgrade to {better.name} for unlimited {plural} on the Billing page."
            if more is None
            else f"Upgrade to {better.name} for up to {more} on the Billing page."
        )
    raise LimitReached(
        f"Your {access.tier.name} plan allows {allowed} {singular if allowed == 1 else plural}. {how}",
        limit=limit,
        allowed=allowed,
        current=current,
        tier=access.tier.key,
        upgrade_to=better.key if better else None,
    )


def member_count(organization: Organization) -> int:
    """Members plus pending invitations: a seat is taken from the moment it is offered."""
    from tenants.models import Invitation, Membership

    organization = as_organization(organization)

    members = Membership.objects.filter(organization=organization).count()
    pending = Invitation.objects.filter(
        organization=organization,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).count()
    return members + pending


def check_member_limit(organization: Organization) -> None:
    """Called by tenants.services.memberships before an invitation is created (org row locked)."""
    check_limit(organization=organization, limit="members", current=member_count(organization))
