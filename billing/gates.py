"""Tier gates: one function for features, one for limits. Views, templates and services all ask these.

Both read only the organization row (its tier, billing status and complimentary tier, through
billing.policy); never Stripe or dj-stripe, so they are safe on every request. `check_limit` only
reads, for pages that show a limit; a service about to add something counted by a limit calls
`lock_and_check_limit` inside its transaction instead, so two requests at the limit can't both pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import connection
from django_tenants.utils import get_tenant_model

from billing.errors import LimitReached, UnknownFeature
from billing.policy import effective_tier, require_writable
from billing.tiers import (
    EVERY_PLAN_REPORTS,
    LIMITS,
    PERMISSION_FEATURES,
    REPORT_FEATURES,
    next_tier_raising,
    require_feature_key,
    require_limit_key,
)

if TYPE_CHECKING:
    from batchtrack.billing_state import BillingState as Organization


def has_feature(organization: Organization, feature: str) -> bool:
    """True when the organization's effective tier includes `feature`; unknown keys raise."""
    require_feature_key(feature)
    return feature in effective_tier(organization).features


def includes_report(organization: Organization, report: str) -> bool:
    """True when the organization's plan includes the money report `report` (a key of
    billing.tiers.REPORT_FEATURES, or of EVERY_PLAN_REPORTS); the report's page and its export both
    ask this. An undeclared report raises UnknownFeature."""
    if report in EVERY_PLAN_REPORTS:
        return True
    feature = REPORT_FEATURES.get(report)
    if feature is None:
        raise UnknownFeature(f"'{report}' is not a declared money report.", feature=report)
    return has_feature(organization, feature)


def tier_allows(organization: Organization, permission: str) -> bool:
    """The tier half of `batchtrack.access.can`: permissions not tied to a feature are always allowed."""
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


def lock_and_check_limit(
    *, organization: Organization, limit: str, count: Callable[[], int], adding: int = 1
) -> Organization:
    """Lock the organization row, then count and check `limit`; returns the locked row.

    The one way a service enforces a limit on what it is about to write. Call it inside the service's
    `transaction.atomic()`, before writing; `count` is called only once the lock is held, so a second
    request at the limit waits for the first to commit or roll back and then counts its row too.

    Locks: the organization row (public schema, SELECT ... FOR NO KEY UPDATE, so inserts of rows
    pointing at the organization are not blocked), until the transaction ends. Lock order: take it
    before any inventory item (or other workspace row a concurrent service may lock after the
    organization), never after, or two services can deadlock. The tier and billing state are read
    from the locked row, so a plan change committed meanwhile counts.

    Raises LimitReached, WorkspaceReadOnly and UnknownLimit as `check_limit` does.
    """
    require_limit_key(limit)
    locked = lock_organization(organization)
    check_limit(organization=locked, limit=limit, current=count(), adding=adding)
    return locked


def lock_organization(organization: Organization) -> Organization:
    """Take `lock_and_check_limit`'s lock alone, early, for a service that must lock the organization
    before the workspace rows it reads to decide whether it adds anything (locking order)."""
    model = get_tenant_model()
    # The stand-in django-tenants puts on `connection.tenant` under schema_context has no pk.
    column, value = (
        ("id", organization.pk)
        if hasattr(organization, "billing_status")
        else ("schema_name", organization.schema_name)
    )
    # Hand-written: this lock is on every limited write's path (a batch start among them), where
    # building the ORM's SELECT ... FOR NO KEY UPDATE cost twice the statement.
    table = connection.ops.quote_name(model._meta.db_table)
    found = list(
        model.objects.raw(f"SELECT * FROM {table} WHERE {column} = %s FOR NO KEY UPDATE", [value])
    )
    if not found:
        raise model.DoesNotExist(f"No workspace {value}.")
    return found[0]
