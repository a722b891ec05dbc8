"""Domain errors of the staff console, in plain language."""

from __future__ import annotations

from batchtrack.errors import DomainError


class SupportAccessRefused(DomainError):
    code = "SUPPORT_ACCESS_REFUSED"


class SupportGrantError(DomainError):
    code = "SUPPORT_GRANT_INVALID"


class UnknownFlag(DomainError):
    code = "UNKNOWN_FLAG"


class LifecycleError(DomainError):
    code = "LIFECYCLE_REFUSED"


class AccountDeletionBlocked(DomainError):
    code = "ACCOUNT_DELETION_BLOCKED"
