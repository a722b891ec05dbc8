"""Stripe webhook requests and events are pruned after 90 days; our billing log stays."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from djstripe.models import Event, WebhookEventTrigger

from billing import tasks
from billing.models import BillingEvent
from billing.services.retention import WEBHOOK_RETENTION, purge_webhook_history
from tests.billing import stripe_objects as so


def _send(fake, send_event, sub_id: str):
    sub = fake.put(f"/v1/subscriptions/{sub_id}", so.subscription(id=sub_id, status="active"))
    event = so.event("customer.subscription.updated", sub, created=so.NOW)
    assert send_event(event).status_code == 200
    return event


def test_old_webhook_history_goes_and_the_billing_log_stays(customer, send_event, stripe_fake):
    old = _send(stripe_fake, send_event, "sub_1")
    recent = _send(stripe_fake, send_event, "sub_2")
    long_ago = timezone.now() - WEBHOOK_RETENTION - timedelta(days=1)
    WebhookEventTrigger.objects.filter(event_id=old["id"]).update(created=long_ago)
    Event.objects.filter(id=old["id"]).update(djstripe_created=long_ago)

    assert purge_webhook_history(now=timezone.now()) == {"webhooks": 1, "events": 1}

    assert list(Event.objects.values_list("id", flat=True)) == [recent["id"]]
    assert WebhookEventTrigger.objects.get().event_id == recent["id"]
    assert BillingEvent.objects.filter(stripe_event_id=old["id"]).exists()
    # The event still acts once: a late replay of the pruned event changes nothing.
    assert send_event(old).status_code == 200
    assert BillingEvent.objects.filter(stripe_event_id=old["id"]).count() == 1


def test_the_task_prunes_only_from_the_public_schema(org_a):
    from django.conf import settings
    from django_tenants.utils import tenant_context

    assert settings.CELERY_BEAT_SCHEDULE["billing-purge-webhooks"]["tenant_schemas"] == ["public"]
    assert tasks.purge_webhook_history.delay().get() == {"webhooks": 0, "events": 0}
    with tenant_context(org_a):
        assert tasks.purge_webhook_history.delay().get() is None
