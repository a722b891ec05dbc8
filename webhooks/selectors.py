"""Reads of webhook endpoints and their delivery log."""

from __future__ import annotations

from django.db.models import QuerySet

from webhooks.models import Delivery, Endpoint

LOG_SIZE = 50


def endpoint_list() -> QuerySet[Endpoint]:
    return Endpoint.objects.order_by("id")


def recent_deliveries(limit: int = LOG_SIZE) -> list[Delivery]:
    """The newest deliveries across the workspace's endpoints, with their endpoint."""
    return list(Delivery.objects.select_related("endpoint").order_by("-id")[:limit])
