"""The one place billing state on an organization is written, with its audit row.

Every writer (webhooks, reconciliation, staff grants, checkout linking) goes through `apply_change`:
lock the organization row, skip an event already recorded (the same Stripe event acts once), let the
caller decide on the locked, fresh row, write only the fields that differ, and record a BillingEvent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django_tenants.utils import get_tenant_model

from billing.models import BillingEvent

logger = logging.getLogger("billing")


@dataclass
class Decision:
    outcome: str
    updates: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""


def timestamp(value: int | float | None) -> datetime | None:
    """A Stripe unix timestamp as an aware UTC datetime."""
    if not value:  # None, 0 (and "" from a loose payload): no timestamp
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def apply_change(
    *,
    organization_id: int | None,
    source: str,
    event_type: str,
    decide: Callable[[Any], Decision],
    stripe_event_id: str | None = None,
    event_created: datetime | None = None,
    actor=None,
    unmatched_note: str = "",
) -> BillingEvent:
    """Lock the organization, decide, write the differing fields, record what happened.

    Returns the BillingEvent; for a Stripe event already recorded, the earlier one, and nothing
    changes. Locks the Organization row (select_for_update) for the whole decision. A change of
    tier, status or complimentary tier also goes to the workspace's activity log (the
    `billing.signals.activity` signal, sent inside the transaction), with `actor` (a staff User) or
    the system as its author.
    """
    Organization = get_tenant_model()

    with transaction.atomic():
        organization = None
        if organization_id is not None:
            organization = (
                Organization.objects.select_for_update().filter(pk=organization_id).first()
            )
        if stripe_event_id:
            earlier = BillingEvent.objects.filter(stripe_event_id=stripe_event_id).first()
            if earlier is not None:
                logger.info("Stripe event %s was already handled; ignoring it", stripe_event_id)
                return earlier
        if organization is None:
            logger.warning("%s %s: %s", event_type, stripe_event_id or "", unmatched_note)
            return BillingEvent.objects.create(
                organization=None,
                source=source,
                stripe_event_id=stripe_event_id,
                event_type=event_type,
                event_created=event_created,
                outcome=BillingEvent.Outcome.UNMATCHED,
                note=unmatched_note[:500],
                actor=getattr(actor, "email", ""),
            )
        decision = decide(organization)
        changes = {}
        for name, value in decision.updates.items():
            old = getattr(organization, name)
            if old != value:
                changes[name] = [_jsonable(old), _jsonable(value)]
                setattr(organization, name, value)
        if changes:
            # update(), not save(): TenantMixin.save refuses to run outside the public schema and
            # checks the schema on every call; these are plain columns.
            Organization.objects.filter(pk=organization.pk).update(
                **{name: getattr(organization, name) for name in changes}
            )
            _audit(organization, event_type, changes, actor)
        return BillingEvent.objects.create(
            organization=organization,
            source=source,
            stripe_event_id=stripe_event_id,
            event_type=event_type,
            event_created=event_created,
            outcome=decision.outcome,
            changes=changes,
            note=decision.note[:500],
            actor=getattr(actor, "email", ""),
        )


def _audit(organization, event_type: str, changes: dict, actor) -> None:
    """What the workspace's Activity page shows about billing: plan, status, complimentary tier."""
    from billing.models import BillingStatus
    from billing.signals import activity
    from billing.tiers import get_tier

    def record(action: str, target: str, details: dict) -> None:
        activity.send(
            sender=apply_change,
            organization=organization,
            actor=actor,
            action=action,
            target=target,
            details=details,
        )

    if "complimentary_tier" in changes or "complimentary_until" in changes:
        tier = organization.complimentary_tier
        if tier:
            until = organization.complimentary_until
            record(
                "billing.complimentary_granted",
                get_tier(tier).name,
                {"until": until.isoformat() if until else None},
            )
        else:
            record("billing.complimentary_revoked", "", {})
    if "tier" in changes:
        old, new = changes["tier"]
        record("billing.plan_changed", get_tier(new).name, {"from": old, "to": new})
    if "billing_status" in changes:
        old, new = changes["billing_status"]
        record(
            "billing.subscription_changed",
            BillingStatus(new).label,
            {"from": old, "to": new, "via": event_type},
        )
