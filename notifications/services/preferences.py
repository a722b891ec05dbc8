"""A member's digest preference in this workspace."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from batchtrack.errors import DomainError
from notifications.models import DigestPreference


class InvalidFrequency(DomainError):
    code = "INVALID_DIGEST_FREQUENCY"


def set_digest_frequency(*, user_id: int, frequency: str) -> DigestPreference:
    """Choose daily digests or none. Raises InvalidFrequency for any other value."""
    if frequency not in DigestPreference.Frequency.values:
        choices = " or ".join(f'"{value}"' for value in DigestPreference.Frequency.values)
        raise InvalidFrequency(f"Choose {choices} for the digest email.", field="frequency")
    with transaction.atomic():
        preference, _ = DigestPreference.objects.update_or_create(
            user_id=user_id, defaults={"frequency": frequency, "updated_at": timezone.now()}
        )
    return preference
