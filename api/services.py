"""The only writers of API keys: create (the key is returned once, then only its hash is kept) and
revoke (kept for the record, refused from then on)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from rest_framework_api_key.crypto import KeyGenerator

from api.errors import ApiNotInPlan, InvalidKeyInput, KeyAlreadyRevoked
from api.models import ApiKey, KeyRole
from batchtrack.tenancy import active_tenant
from billing.gates import has_feature

NAME_MAX = 50
_GENERATOR = KeyGenerator(prefix_length=8, secret_key_length=40)


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    secret: str  # the full key, shown to its creator once and never again


def create_key(*, name: str, role: str, actor_id: int | None = None) -> NewKey:
    """Create a key for the active workspace. Raises ApiNotInPlan when the workspace's plan has no
    API, InvalidKeyInput for a blank or too long name or an unknown role."""
    if not has_feature(active_tenant(), "api"):
        raise ApiNotInPlan("API keys come with a plan that includes the API. Upgrade to add one.")
    name = " ".join((name or "").split())
    if not name:
        raise InvalidKeyInput("Give the key a name, e.g. the shop it connects.", field="name")
    if len(name) > NAME_MAX:
        raise InvalidKeyInput(f"A key's name is at most {NAME_MAX} characters.", field="name")
    if role not in KeyRole.values:
        raise InvalidKeyInput(
            f"Choose a role: {', '.join(str(label) for label in KeyRole.labels)}.", field="role"
        )
    secret, prefix, hashed = _GENERATOR.generate()
    key = ApiKey.objects.create(
        name=name, role=role, prefix=prefix, hashed_key=hashed, created_by_id=actor_id
    )
    return NewKey(key=key, secret=secret)


def key_matches(key: ApiKey, secret: str) -> bool:
    """Whether `secret` is this key (constant-time comparison of the hashes)."""
    return _GENERATOR.verify(secret, key.hashed_key)


def revoke_key(*, key_id: str) -> ApiKey:
    """Revoke a key: every later request with it is refused. Locks the key row. Raises
    ApiKey.DoesNotExist and KeyAlreadyRevoked."""
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key_id)
        if key.revoked:
            raise KeyAlreadyRevoked(f"The key “{key.name}” was already revoked.")
        key.revoked = True
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked", "revoked_at"])
    return key


def note_key_used(*, key: ApiKey) -> None:
    """Record when a key was last used, at most once a minute per key (a single UPDATE)."""
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() >= 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
