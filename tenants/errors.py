from __future__ import annotations

from batchtrack.errors import DomainError


class SlugError(DomainError):
    code = "INVALID_SLUG"


class ProvisioningError(DomainError):
    code = "PROVISIONING_FAILED"


class InvitationError(DomainError):
    code = "INVALID_INVITATION"


class MembershipError(DomainError):
    code = "MEMBERSHIP_RULE"


class HandoffError(DomainError):
    code = "INVALID_HANDOFF"


class WorkspaceSettingsError(DomainError):
    code = "INVALID_WORKSPACE_SETTINGS"
