"""Reads of the workspace's API keys."""

from __future__ import annotations

from django.db.models import QuerySet

from api.models import ApiKey


def workspace_keys() -> QuerySet[ApiKey]:
    """Every key of the workspace, active ones first, newest first."""
    return ApiKey.objects.order_by("revoked", "-created")


def usable_key(prefix: str) -> ApiKey | None:
    """The unrevoked key with this prefix in the active workspace, or None."""
    return ApiKey.objects.filter(prefix=prefix, revoked=False).first()
