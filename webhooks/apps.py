from __future__ import annotations

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Outgoing webhooks"

    def ready(self) -> None:
        # Registers the delivery tasks in every process (web, beat), not only in workers.
        from webhooks import tasks  # noqa: F401
