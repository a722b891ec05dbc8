"""Complimentary tiers: staff give a workspace a tier, free of charge, until a date."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from billing.errors import BillingError
from billing.models import BillingEvent
from billing.services.state import Decision, apply_change
from billing.tiers import get_tier

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser as User


def grant_complimentary(
    *, organization, tier: str, until: datetime | None, granted_by: User | None
) -> BillingEvent:
    """Give `organization` the `tier` until `until` (None: until withdrawn), whatever it pays for.

    `granted_by` is the staff member (None: the system, e.g. the demo seeder); it is recorded in the
    billing log and the workspace's audit log.

    Raises BillingError for the free tier or an end date in the past; UnknownTier for other names.
    """
    chosen = get_tier(tier)
    if not chosen.is_paid:
        raise BillingError("Everyone has the Free plan already; choose a paid tier.", field="tier")
    if until is not None and until <= timezone.now():
        raise BillingError("The end date must be in the future.", field="until")

    def decide(org) -> Decision:
        return Decision(
            BillingEvent.Outcome.APPLIED,
            {"complimentary_tier": chosen.key, "complimentary_until": until},
            note=f"{chosen.name} until {until:%Y-%m-%d}" if until else f"{chosen.name}, no end",
        )

    return apply_change(
        organization_id=organization.pk,
        source=BillingEvent.Source.STAFF,
        event_type="complimentary.granted",
        decide=decide,
        actor=granted_by,
    )


def end_complimentary(*, organization, ended_by: User | None) -> BillingEvent:
    def decide(org) -> Decision:
        return Decision(
            BillingEvent.Outcome.APPLIED, {"complimentary_tier": "", "complimentary_until": None}
        )

    return apply_change(
        organization_id=organization.pk,
        source=BillingEvent.Source.STAFF,
        event_type="complimentary.ended",
        decide=decide,
        actor=ended_by,
    )
