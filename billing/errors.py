"""Billing's domain errors: each says what is wrong and what the maker can do about it."""

from __future__ import annotations

from batchtrack.errors import DomainError


class BillingError(DomainError):
    code = "BILLING"


class LimitReached(BillingError):
    """Adding would go past the tier's limit (members, items, recipes, batches a month)."""

    code = "LIMIT_REACHED"


class WorkspaceReadOnly(BillingError):
    """The workspace may be read but not changed (payment overdue past the grace period)."""

    code = "READ_ONLY"


class OverLimitReadOnly(WorkspaceReadOnly):
    """The workspace holds more of something than its tier allows; that kind is read-only."""

    code = "OVER_LIMIT"


class StripeNotConfigured(BillingError):
    code = "STRIPE_NOT_CONFIGURED"


# Programming / configuration errors: they must fail loudly, never degrade silently.
class UnknownTier(BillingError, LookupError):
    code = "UNKNOWN_TIER"


class UnknownFeature(BillingError, LookupError):
    code = "UNKNOWN_FEATURE"


class UnknownLimit(BillingError, LookupError):
    code = "UNKNOWN_LIMIT"
