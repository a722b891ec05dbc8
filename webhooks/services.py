"""The only writers of webhook endpoints and deliveries.

`emit(event, *payloads)` is what other apps' services call, inside their own transaction, when
something a workspace may subscribe to happens: it records one delivery per subscribed endpoint and
queues it through the outbox (sent only if the caller commits). `attempt_delivery` sends one
delivery once (the Celery task in webhooks/tasks.py calls it) and says when to try again.
"""

from __future__ import annotations

import json
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from batchtrack.tenancy import active_tenant
from billing.gates import has_feature
from outbox.services import enqueue
from webhooks import transport
from webhooks.errors import InvalidEndpoint, WebhooksNotInPlan
from webhooks.models import Delivery, Endpoint, Event
from webhooks.signing import SIGNATURE_HEADER, signature_header

DELIVER_TASK = "webhooks.tasks.deliver"
# Attempt n (1-based) failed: wait BACKOFF_BASE * 2**(n-1) before the next, up to MAX_ATTEMPTS.
MAX_ATTEMPTS = 8
BACKOFF_BASE = timedelta(seconds=30)
SUBSCRIBABLE = [event for event in Event.values if event != Event.TEST]
ENDPOINTS_MAX = 10


def create_endpoint(
    *, url: str, events: list[str], description: str = "", actor_id: int | None = None
) -> Endpoint:
    """Subscribe `url` to `events`, with a new signing secret. Raises WebhooksNotInPlan and
    InvalidEndpoint (a bad or private address, no or unknown events, too many endpoints)."""
    if not has_feature(active_tenant(), "api"):
        raise WebhooksNotInPlan("Webhooks come with a plan that includes the API.")
    url = (url or "").strip()
    if len(url) > 500:
        raise InvalidEndpoint("That address is too long (500 characters at most).", field="url")
    problem = transport.host_problem(url)
    if problem:
        raise InvalidEndpoint(problem, field="url")
    unknown = sorted(set(events) - set(SUBSCRIBABLE))
    if unknown or not events:
        raise InvalidEndpoint("Choose at least one event to send.", field="events")
    with transaction.atomic():
        if Endpoint.objects.select_for_update().count() >= ENDPOINTS_MAX:
            raise InvalidEndpoint(f"A workspace can have {ENDPOINTS_MAX} endpoints.", field="url")
        return Endpoint.objects.create(
            url=url,
            events=sorted(set(events)),
            description=(description or "").strip()[:100],
            secret=f"whsec_{secrets.token_urlsafe(32)}",
            created_by_id=actor_id,
        )


def delete_endpoint(*, endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log. Raises Endpoint.DoesNotExist."""
    with transaction.atomic():
        Endpoint.objects.select_for_update().get(pk=endpoint_id).delete()


def emit(event: str, *payloads: dict[str, Any]) -> list[Delivery]:
    """Queue `event` with each payload to every active endpoint subscribed to it (no query on a plan
    without the API, one when no endpoint is subscribed). Call inside the transaction of the change: nothing is sent if it rolls back."""
    if event not in Event.values:
        raise ValueError(f"Unknown webhook event {event!r}")
    # The plan is asked first (no query): a plan without the API sends nothing, so the endpoints
    # aren't read. After a downgrade they stay, silent, until the plan has the API again.
    if not payloads or not has_feature(active_tenant(), "api"):
        return []
    endpoints = [
        endpoint
        for endpoint in Endpoint.objects.filter(is_active=True)
        if event in endpoint.events or event == Event.TEST
    ]
    if not endpoints:
        return []
    return _queue(endpoints, event, payloads)


def send_test_event(*, endpoint_id: int) -> Delivery:
    """Queue a "test" event to one endpoint, whatever it subscribes to. Raises DoesNotExist."""
    endpoint = Endpoint.objects.get(pk=endpoint_id)
    with transaction.atomic():
        (delivery,) = _queue([endpoint], Event.TEST, [{"message": "A test event from BatchTrack."}])
    return delivery


def _queue(endpoints: list[Endpoint], event: str, payloads) -> list[Delivery]:
    now = timezone.now()
    workspace = active_tenant().slug
    deliveries = [
        Delivery(
            endpoint=endpoint,
            event=event,
            body=json.dumps(
                {
                    "id": str(uuid.uuid4()),
                    "event": event,
                    "workspace": workspace,
                    "created_at": now,
                    "data": payload,
                },
                cls=DjangoJSONEncoder,
            ),
            created_at=now,
        )
        for endpoint in endpoints
        for payload in payloads
    ]
    with transaction.atomic():
        Delivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            enqueue(DELIVER_TASK, delivery.pk)
    return deliveries


@dataclass(frozen=True)
class AttemptResult:
    delivery: Delivery
    retry_in: timedelta | None  # None: done (delivered, given up, or nothing to do)


def attempt_delivery(*, delivery_id: int) -> AttemptResult:
    """Send one delivery once, signed, and record the answer. Delivered (2xx): done. Otherwise
    retried after an exponential backoff until MAX_ATTEMPTS, then given up. A delivery already done
    is not sent again (the outbox delivers at least once). Locks the delivery row while sending, so
    two workers never send it at once."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (
            Delivery.Status.SUCCEEDED,
            Delivery.Status.FAILED,
        ):
            return AttemptResult(delivery, None)  # type: ignore[arg-type]
        body = delivery.body.encode()
        timestamp = int(time.time())
        answer = transport.post(
            delivery.endpoint.url,
            body,
            {
                "Content-Type": "application/json",
                "User-Agent": "BatchTrack-Webhooks/1",
                "BatchTrack-Event": delivery.event,
                "BatchTrack-Delivery": str(delivery.pk),
                SIGNATURE_HEADER: signature_header(delivery.endpoint.secret, timestamp, body),
            },
        )
        now = timezone.now()
        delivery.attempts += 1
        delivery.response_code = answer.status
        delivery.last_error = answer.error[:300]
        retry_in = None
        if answer.ok:
            delivery.status = Delivery.Status.SUCCEEDED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
            delivery.next_attempt_at = None
        else:
            retry_in = BACKOFF_BASE * 2 ** (delivery.attempts - 1)
            delivery.status = Delivery.Status.RETRYING
            delivery.next_attempt_at = now + retry_in
        delivery.save(
            update_fields=[
                "attempts",
                "response_code",
                "last_error",
                "status",
                "delivered_at",
                "next_attempt_at",
            ]
        )
    return AttemptResult(delivery, retry_in)


# A retry whose scheduled send was lost (the broker restarted without its queue) is picked up this
# long after it was due; sooner, and it would race the scheduled send itself.
OVERDUE_AFTER = timedelta(minutes=5)


def overdue_delivery_ids(*, now=None, limit: int = 200) -> list[int]:
    """Deliveries waiting for a retry that should have happened by now (see OVERDUE_AFTER)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(
            status=Delivery.Status.RETRYING, next_attempt_at__lte=now - OVERDUE_AFTER
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
