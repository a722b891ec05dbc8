"""What the public site's services refuse, in plain words."""

from __future__ import annotations

from batchtrack.errors import DomainError


class WaitlistRefused(DomainError):
    """A waitlist sign-up we will not store (spam trap filled, bad address, unknown feature)."""

    code = "waitlist_refused"


class WaitlistLinkInvalid(DomainError):
    """A confirmation link that is broken, expired or for an entry that no longer exists."""

    code = "waitlist_link_invalid"
