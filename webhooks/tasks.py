"""Sending webhook deliveries (queued through the outbox by webhooks.services.emit)."""

from __future__ import annotations

from batchtrack.celery import app
from webhooks.services import attempt_delivery, overdue_delivery_ids


@app.task
def deliver(delivery_id: int) -> str | None:
    """One attempt; a failed one schedules the next after its backoff (in the same schema)."""
    result = attempt_delivery(delivery_id=delivery_id)
    if result.retry_in is not None:
        deliver.apply_async((delivery_id,), countdown=result.retry_in.total_seconds())
    return result.delivery.status if result.delivery else None


@app.task
def send_overdue() -> int:
    """Periodic, per workspace: retries whose scheduled send was lost go out now."""
    found = overdue_delivery_ids()
    for delivery_id in found:
        deliver.delay(delivery_id)
    return len(found)
