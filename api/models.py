"""API keys, one table per workspace schema: a key presented on another workspace's host is simply
not found there. The key itself is never stored, only its hash (djangorestframework-api-key's key
generator: a random prefix to find the row, a random secret, SHA-512 of the whole)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder


class KeyRole(models.TextChoices):
    """What a key may do; each maps onto a member role of the permission catalogue (api/roles.py)."""

    READ_ONLY = "read_only", "Read-only"
    PRODUCTION = "production", "Production"
    ADMIN = "admin", "Admin"


class ApiKey(models.Model):
    name = models.CharField(max_length=50)
    prefix = models.CharField(max_length=12, unique=True)
    hashed_key = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=KeyRole.choices, default=KeyRole.READ_ONLY)
    revoked = models.BooleanField(default=False)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "API key"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["read_only", "production", "admin"]),
                name="api_key_role_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class StoredResponse(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key` (api/idempotency.py): a retry with
    the same key and body gets it back instead of writing again. `fingerprint` is a hash of the
    method, path and body, so the same key on a different request is refused, not replayed."""

    key = models.CharField(max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(encoder=JSONEncoder)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "stored API response"

    def __str__(self) -> str:
        return f"{self.key} ({self.status_code})"
