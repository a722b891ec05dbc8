"""Old Stripe webhook history goes: dj-stripe keeps every webhook request (headers and body) and every
event it parsed, for ever. After WEBHOOK_RETENTION they have served their purpose (Stripe retries a
webhook for three days; reconciliation repairs drift nightly), so they are deleted.

BillingEvent rows (our own record of what each event did to an organization, with the unique Stripe
event id that makes an event act once) are kept: they are small and they are the billing history.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

WEBHOOK_RETENTION = timedelta(days=90)


def purge_webhook_history(*, now: datetime) -> dict[str, int]:
    """Delete webhook requests and Stripe events recorded before `now - WEBHOOK_RETENTION`; returns
    how many of each."""
    from djstripe.models import Event, WebhookEventTrigger

    cutoff = now - WEBHOOK_RETENTION
    with transaction.atomic():
        triggers, _ = WebhookEventTrigger.objects.filter(created__lt=cutoff).delete()
        events, _ = Event.objects.filter(djstripe_created__lt=cutoff).delete()
    return {"webhooks": triggers, "events": events}
