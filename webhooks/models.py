"""Webhook endpoints and their deliveries (per workspace schema)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Event(models.TextChoices):
    STOCK_LOW = "stock.low", "Stock low"
    LOT_EXPIRING = "lot.expiring", "Lot expiring"
    BATCH_STARTED = "batch.started", "Batch started"
    BATCH_FINISHED = "batch.finished", "Batch finished"
    ORDER_FULFILLED = "order.fulfilled", "Order fulfilled"
    TEST = "test", "Test event"


class Endpoint(models.Model):
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=100, blank=True)
    # Event values (Event) this endpoint receives; the test event goes to any endpoint on request.
    events = models.JSONField(default=list)
    # The signing secret (shown on the settings page to owners and admins, who paste it into the
    # receiving end): HMAC needs the secret itself, so it can't be stored hashed.
    secret = models.CharField(max_length=80)
    is_active = models.BooleanField(default=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        RETRYING = "retrying", "Failed, will retry"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Gave up"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    # The exact JSON body sent (the signature covers these bytes).
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["endpoint", "-id"], name="webhook_delivery_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "retrying", "succeeded", "failed"]),
                name="webhook_delivery_status_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.status})"
