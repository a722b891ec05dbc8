from __future__ import annotations

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"

    def ready(self) -> None:
        import stripe

        from billing import receivers, usage  # noqa: F401  (connect webhook receivers, counters)

        if stripe.default_http_client is None:
            # stripe-python waits 80 s by default; a checkout click should fail fast instead.
            stripe.default_http_client = stripe.RequestsClient(timeout=20)
