"""The audit log of sensitive actions: `record_audit` is the only writer of AuditEvent.

Call it from a service, inside the service's `transaction.atomic()` block and after validation, so the
row commits with the change it describes and a change that fails records nothing:

    with transaction.atomic():
        ...  # lock, validate, write
        record_audit(organization=org, actor=user, action="member.removed", target=email)

An action is a dotted name, `<area>.<what happened>`. The ones the product knows are declared below with
the sentence the Activity page shows; an action not declared here is still recorded and shown by name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.db import transaction

from tenants.models import AuditEvent

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from tenants.models import Organization, User

ACTIONS: dict[str, str] = {
    "invitation.sent": "Invited",
    "invitation.accepted": "Accepted the invitation",
    "invitation.revoked": "Withdrew the invitation for",
    "member.role_changed": "Changed the role of",
    "member.removed": "Removed",
    "workspace.settings_changed": "Changed the workspace settings",
    "workspace.suspended": "Suspended the workspace",
    "workspace.reactivated": "Reactivated the workspace",
    "billing.plan_changed": "Changed the plan",
    "billing.subscription_changed": "Changed the subscription",
    "billing.complimentary_granted": "Granted complimentary access",
    "billing.complimentary_revoked": "Ended complimentary access",
}

ACTION_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


def record_audit(
    *,
    organization: Organization,
    actor: User | None,
    action: str,
    target: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row for `organization` in the caller's transaction.

    `actor` is the user who acted, or None for the system (a webhook, a scheduled task). `target` says
    whom or what the action was about (an email address, a plan); `details` holds the facts (old and
    new role, reason), as JSON. Raises ValueError for an action that is not a dotted lower-case name,
    and RuntimeError when called outside a transaction (the row must commit or roll back with the
    change it records).
    """
    if not ACTION_PATTERN.match(action or ""):
        raise ValueError(
            f"Audit action '{action}' must be a dotted lower-case name like 'member.removed'."
        )
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "record_audit must be called inside the transaction of the change it records."
        )
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        organization=organization,
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        action=action,
        target=(target or "")[:255],
        details=details or {},
    )


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


def audit_events_for(organization: Organization) -> QuerySet[AuditEvent]:
    """The organization's audit trail, newest first."""
    return AuditEvent.objects.filter(organization=organization).order_by("-created_at", "-id")
