"""Webhook domain errors."""

from __future__ import annotations

from batchtrack.errors import DomainError


class WebhookError(DomainError):
    code = "WEBHOOK_ERROR"


class InvalidEndpoint(WebhookError):
    code = "INVALID_WEBHOOK_ENDPOINT"


class WebhooksNotInPlan(WebhookError):
    code = "API_NOT_IN_PLAN"
