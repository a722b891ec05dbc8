"""Our side of dj-stripe's webhook endpoint (`/stripe/webhook/<uuid>/` on the public host).

dj-stripe verifies the signature, stores the Event (a repeated event id is not processed again) and
sends one signal per event type inside its transaction; these receivers hand the event's object to
billing.services. dj-stripe's own receivers for the same events may run before or after ours, so ours
read only the event payload (plus product metadata) and never dj-stripe's synced rows of it.

An exception here rolls back the whole event (dj-stripe's sync included) and answers 500, so Stripe
retries it later; the WebhookEventTrigger row keeps the traceback.
"""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from djstripe import signals
from djstripe.enums import WebhookEndpointValidation
from djstripe.event_handlers import djstripe_receiver

from billing.models import BillingEvent
from billing.services import subscriptions

SUBSCRIPTION_EVENTS = [
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
]
INVOICE_EVENTS = ["invoice.paid", "invoice.payment_failed"]
SECRET_OVERRIDE_HEADER = "X-Djstripe-Webhook-Secret"


@djstripe_receiver(SUBSCRIPTION_EVENTS)
def on_subscription_event(sender, event, **kwargs):
    subscriptions.apply_subscription(
        subscription=event.data["object"],
        source=BillingEvent.Source.WEBHOOK,
        event_type=event.type,
        created=event.created,
        event_id=event.id,
    )


@djstripe_receiver(INVOICE_EVENTS)
def on_invoice_event(sender, event, **kwargs):
    subscriptions.apply_invoice(
        invoice=event.data["object"],
        event_type=event.type,
        created=event.created,
        event_id=event.id,
    )


@djstripe_receiver("checkout.session.completed")
def on_checkout_completed(sender, event, **kwargs):
    subscriptions.link_checkout_session(
        session=event.data["object"], created=event.created, event_id=event.id
    )


def secret_override_allowed() -> bool:
    """dj-stripe 2.11 lets a request name the webhook secret in a header when DEBUG is on (meant for
    `stripe listen`): WebhookEventTrigger.validate() in djstripe/models/webhooks.py reads
    `x-djstripe-webhook-secret` under `if settings.DEBUG:` and checks the signature against it. We
    allow that only on a DEBUG machine that also opts in (settings.STRIPE_CLI_SECRET_HEADER)."""
    return bool(settings.DEBUG and getattr(settings, "STRIPE_CLI_SECRET_HEADER", False))


@receiver(signals.webhook_pre_validate)
def harden_webhook_validation(sender, instance, **kwargs):
    """Runs before dj-stripe validates a webhook request.

    - Drops the X-Djstripe-Webhook-Secret header unless `secret_override_allowed()`: with it, a
      DEBUG instance would check the signature against a secret chosen by the sender.
    - Outside DEBUG, an endpoint row set to validation "none" is still signature-checked.
    """
    if not secret_override_allowed():
        instance.headers = {
            name: value
            for name, value in instance.headers.items()
            if name.lower() != SECRET_OVERRIDE_HEADER.lower()
        }
    endpoint = instance.webhook_endpoint
    if (
        not settings.DEBUG
        and endpoint is not None
        and endpoint.djstripe_validation_method == WebhookEndpointValidation.none
    ):
        endpoint.djstripe_validation_method = WebhookEndpointValidation.verify_signature
