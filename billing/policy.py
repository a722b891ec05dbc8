"""The access policy: what an organization's billing state allows right now.

Read from the organization row alone (no Stripe, no dj-stripe tables), so it is cheap enough for every
request:

- active or trialing: everything the subscribed tier allows;
- past_due: the subscribed tier with a warning banner for GRACE_PERIOD after the first failed
  payment, then read-only (everything can be seen, nothing changed) until payment is fixed;
- canceled (or never subscribed): the free tier. All data is kept; whatever is over a free limit is
  read-only (services ask `require_writable`), and nothing is ever deleted;
- suspended by staff: blocked (tenants.middleware shows the suspended page);
- a complimentary tier granted by staff applies until its end date, whatever Stripe says, and wins
  when it is higher than the subscribed tier.

Owners can always reach the billing pages (billing.middleware exempts them), so no state can lock
them out of fixing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django_tenants.utils import get_tenant_model

from billing.errors import OverLimitReadOnly, WorkspaceReadOnly
from billing.models import LIVE_STATUSES, BillingStatus
from billing.tiers import FREE, LIMITS, Tier, get_tier, next_tier_raising, require_limit_key

if TYPE_CHECKING:
    from batchtrack.billing_state import BillingState as Organization

GRACE_PERIOD = timedelta(days=7)
# How long after a subscription ends the "you are back on Free" banner stays up.
CANCELED_NOTICE = timedelta(days=14)


class Mode(StrEnum):
    FULL = "full"
    GRACE = "grace"
    READ_ONLY = "read_only"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class Access:
    mode: Mode
    tier: Tier
    banner: str = ""
    banner_level: str = "warning"
    # past_due: when the grace period ends (or ended).
    grace_ends_at: datetime | None = None
    complimentary: bool = False

    @property
    def writable(self) -> bool:
        return self.mode in (Mode.FULL, Mode.GRACE)

    @property
    def read_only(self) -> bool:
        return self.mode == Mode.READ_ONLY


def as_organization(tenant) -> Organization:
    """The Organization row for `tenant`: itself, or (for the stand-in django-tenants puts on
    `connection.tenant` under `schema_context`) the row with its schema name."""
    if hasattr(tenant, "billing_status"):
        return tenant
    return get_tenant_model().objects.get(schema_name=tenant.schema_name)


def complimentary_tier(organization: Organization, now: datetime | None = None) -> Tier | None:
    if not organization.complimentary_tier:
        return None
    now = now or timezone.now()
    if organization.complimentary_until is not None and organization.complimentary_until <= now:
        return None
    return get_tier(organization.complimentary_tier)


def subscribed_tier(organization: Organization) -> Tier:
    """The tier the Stripe subscription pays for, free when there is no live subscription."""
    if organization.billing_status in LIVE_STATUSES:
        return get_tier(organization.tier)
    return FREE


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def access_for(organization: Organization, now: datetime | None = None) -> Access:
    """What the organization may do now, and the banner that says why."""
    organization = as_organization(organization)
    now = now or timezone.now()
    comp = complimentary_tier(organization, now)
    paid = subscribed_tier(organization)
    tier = comp if comp is not None and comp.rank >= paid.rank else paid
    if organization.is_suspended:
        return Access(Mode.BLOCKED, tier, complimentary=comp is not None)
    if comp is not None:
        # Staff gave this workspace a tier: billing trouble does not lock it.
        return Access(Mode.FULL, tier, complimentary=True)
    status = organization.billing_status
    if status == BillingStatus.PAST_DUE:
        grace_ends_at = (organization.past_due_since or now) + GRACE_PERIOD
        if now < grace_ends_at:
            return Access(
                Mode.GRACE,
                tier,
                banner=(
                    f"We could not take the last payment for your {tier.name} plan. Please update "
                    f"the payment details by {_day(grace_ends_at)}; after that the workspace "
                    "becomes read-only until the payment goes through."
                ),
                grace_ends_at=grace_ends_at,
            )
        return Access(
            Mode.READ_ONLY,
            tier,
            banner=(
                f"The payment for your {tier.name} plan is overdue, so this workspace is "
                "read-only: you can see everything but change nothing. Nothing has been deleted. "
                "Updating the payment details on the Billing page unlocks it at once."
            ),
            banner_level="danger",
            grace_ends_at=grace_ends_at,
        )
    if status == BillingStatus.CANCELED and (
        organization.current_period_end is None
        or now < organization.current_period_end + CANCELED_NOTICE
    ):
        return Access(
            Mode.FULL,
            tier,
            banner=(
                f"Your {get_tier(organization.tier).name} subscription has ended, so this workspace "
                "is on the Free plan. Everything you made is kept; what goes beyond the Free "
                "limits is read-only until you upgrade again."
            ),
            banner_level="info",
        )
    return Access(Mode.FULL, tier)


def effective_tier(organization: Organization, now: datetime | None = None) -> Tier:
    return access_for(organization, now).tier


def require_writable(
    organization: Organization,
    *,
    limit: str | None = None,
    current: int | None = None,
    now: datetime | None = None,
) -> Access:
    """Raise unless the organization may change things now; for services.

    Without `limit`: raises WorkspaceReadOnly when the whole workspace is read-only (payment overdue
    past its grace period, or suspended). With `limit` and `current` (how many the workspace holds
    now): also raises OverLimitReadOnly when it holds more than its tier allows, which is how data
    kept after a downgrade stays readable but not editable. Reductions (archiving, removing) should
    not call this, so a maker can always get back under a limit.
    """
    access = access_for(organization, now)
    if not access.writable:
        if access.mode == Mode.BLOCKED:
            raise WorkspaceReadOnly(
                "This workspace is suspended, so nothing can be changed. Contact BatchTrack support."
            )
        raise WorkspaceReadOnly(
            "This workspace is read-only because a payment is overdue. An owner can update the "
            "payment details on the Billing page to unlock it.",
            grace_ended_at=access.grace_ends_at,
        )
    if limit is not None:
        require_limit_key(limit)
        allowed = access.tier.limit(limit)
        if allowed is not None and current is not None and current > allowed:
            singular, plural = LIMITS[limit]
            better = next_tier_raising(access.tier, limit)
            how = (
                f"Upgrade to {better.name} on the Billing page"
                if better
                else "Contact BatchTrack support"
            )
            raise OverLimitReadOnly(
                f"Your {access.tier.name} plan allows {allowed} {singular if allowed == 1 else plural} "
                f"and this workspace has {current}, so they are read-only. {how} to edit them "
                "again; nothing has been deleted.",
                limit=limit,
                allowed=allowed,
                current=current,
                tier=access.tier.key,
            )
    return access
