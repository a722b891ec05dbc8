"""Webhook deliveries: queued through the outbox in the caller's transaction, signed, retried with
backoff until delivered (then never again), or given up after MAX_ATTEMPTS."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import override_settings

from outbox.models import OutboxMessage
from tests.billing.helpers import set_billing
from tests.webhooks.conftest import verify
from webhooks import services
from webhooks.errors import InvalidEndpoint, WebhooksNotInPlan
from webhooks.models import Delivery
from webhooks.signing import SIGNATURE_HEADER
from webhooks.transport import host_problem


def test_a_delivery_is_signed_so_an_independent_hmac_verifies_it(
    acme, receiver, django_capture_on_commit_callbacks
):
    endpoint = services.create_endpoint(url=receiver.url, events=["batch.started"])
    with django_capture_on_commit_callbacks(execute=True):
        services.emit("batch.started", {"batch_id": 7, "cost": "1.50"})
    [(headers, body)] = receiver.requests
    assert verify(endpoint.secret, headers[SIGNATURE_HEADER], body)
    assert not verify("whsec_wrong", headers[SIGNATURE_HEADER], body)
    assert not verify(endpoint.secret, headers[SIGNATURE_HEADER], body + b" ")
    payload = json.loads(body)
    assert (payload["event"], payload["workspace"], payload["data"]) == (
        "batch.started",
        "acme",
        {"batch_id": 7, "cost": "1.50"},
    )
    assert headers["BatchTrack-Event"] == "batch.started"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("succeeded", 1, 200)


def test_retries_back_off_and_stop_after_success(
    acme, receiver, django_capture_on_commit_callbacks
):
    services.create_endpoint(url=receiver.url, events=["order.fulfilled"])
    receiver.answers = [500, 503, 200]
    with django_capture_on_commit_callbacks(execute=True):
        services.emit("order.fulfilled", {"order_id": 1})
    assert len(receiver.requests) == 3
    assert len({body for _, body in receiver.requests}) == 1  # the same body each time
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("succeeded", 3, None)
    # Sent again by an at-least-once outbox: nothing more goes out.
    services.attempt_delivery(delivery_id=delivery.pk)
    assert len(receiver.requests) == 3


def test_the_backoff_doubles(acme, receiver):
    services.create_endpoint(url=receiver.url, events=["order.fulfilled"])
    receiver.answers = [500, 500]
    [delivery] = services.emit("order.fulfilled", {"order_id": 1})
    first = services.attempt_delivery(delivery_id=delivery.pk)
    second = services.attempt_delivery(delivery_id=delivery.pk)
    assert (first.retry_in, second.retry_in) == (timedelta(seconds=30), timedelta(seconds=60))
    assert second.delivery.status == "retrying"
    assert second.delivery.last_error == "The receiver answered 500."


def test_it_gives_up_after_the_last_attempt(acme, receiver, django_capture_on_commit_callbacks):
    services.create_endpoint(url=receiver.url, events=["stock.low"])
    receiver.answers = [500] * services.MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        services.emit("stock.low", {"item_id": 1})
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert len(receiver.requests) == services.MAX_ATTEMPTS


def test_an_unreachable_receiver_is_recorded(acme):
    services.create_endpoint(url="http://127.0.0.1:9/nothing", events=["stock.low"])
    [delivery] = services.emit("stock.low", {"item_id": 1})
    result = services.attempt_delivery(delivery_id=delivery.pk)
    assert result.delivery.response_code is None
    assert result.delivery.last_error.startswith("No answer")


def test_only_subscribed_endpoints_get_an_event(acme, receiver):
    services.create_endpoint(url=receiver.url, events=["batch.finished"])
    assert services.emit("batch.started", {"batch_id": 1}) == []
    assert OutboxMessage.objects.filter(task_name=services.DELIVER_TASK).count() == 0


def test_nothing_is_sent_when_the_change_rolls_back(acme, receiver):
    from django.db import transaction

    services.create_endpoint(url=receiver.url, events=["batch.started"])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.emit("batch.started", {"batch_id": 1})
        raise RuntimeError("the change failed")
    assert Delivery.objects.count() == 0
    assert receiver.requests == []


def test_a_test_event_goes_to_any_endpoint(acme, receiver, django_capture_on_commit_callbacks):
    endpoint = services.create_endpoint(url=receiver.url, events=["stock.low"])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test_event(endpoint_id=endpoint.pk)
    [(headers, body)] = receiver.requests
    assert json.loads(body)["event"] == "test"


def test_after_a_downgrade_endpoints_stay_silent(acme, receiver):
    services.create_endpoint(url=receiver.url, events=["stock.low"])
    set_billing(acme, tier="free", billing_status="none")
    assert services.emit("stock.low", {"item_id": 1}) == []


@pytest.mark.parametrize(
    ("url", "events", "field"),
    [
        ("ftp://example.com/x", ["stock.low"], "url"),
        ("not a url", ["stock.low"], "url"),
        ("https://example.com/" + "x" * 500, ["stock.low"], "url"),
        ("https://example.com/hook", [], "events"),
        ("https://example.com/hook", ["stock.low", "everything"], "events"),
    ],
)
def test_bad_endpoints_are_refused(acme, url, events, field):
    with pytest.raises(InvalidEndpoint) as caught:
        services.create_endpoint(url=url, events=events)
    assert caught.value.field == field


def test_endpoints_need_the_api_in_the_plan(acme):
    set_billing(acme, tier="free", billing_status="none")
    with pytest.raises(WebhooksNotInPlan):
        services.create_endpoint(url="https://example.com/hook", events=["stock.low"])


@override_settings(WEBHOOKS_ALLOW_PRIVATE_HOSTS=False)
@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/hook", "http://10.1.2.3/hook", "http://localhost:8000/x"]
)
def test_private_network_addresses_are_refused(url):
    assert "private" in host_problem(url)


@override_settings(WEBHOOKS_ALLOW_PRIVATE_HOSTS=False)
def test_an_unknown_host_is_refused():
    assert "can't be found" in host_problem("https://no-such-host.invalid/hook")


def test_unknown_events_are_a_programming_error(acme):
    with pytest.raises(ValueError):
        services.emit("made.up", {})


def test_a_lost_retry_is_sent_by_the_periodic_sweep(acme, receiver):
    from django.utils import timezone

    from webhooks.tasks import send_overdue

    services.create_endpoint(url=receiver.url, events=["stock.low"])
    receiver.answers = [500]
    [delivery] = services.emit("stock.low", {"item_id": 1})
    services.attempt_delivery(delivery_id=delivery.pk)  # fails; its retry is then "lost"
    assert send_overdue() == 0  # not overdue yet: the scheduled send may still come
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=6)
    )
    assert send_overdue() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("succeeded", 2)
