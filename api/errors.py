"""The API's own domain errors (keys and requests); other apps' errors keep their own modules."""

from __future__ import annotations

from batchtrack.errors import DomainError


class ApiError(DomainError):
    code = "API_ERROR"


class InvalidKeyInput(ApiError):
    """A key's name or role that can't be saved."""

    code = "INVALID_KEY"


class ApiNotInPlan(ApiError):
    code = "API_NOT_IN_PLAN"


class KeyAlreadyRevoked(ApiError):
    code = "KEY_ALREADY_REVOKED"
