from __future__ import annotations

from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Background work outbox"

    def ready(self) -> None:
        from celery.signals import task_success

        from outbox.periodic import on_task_success

        task_success.connect(on_task_success, weak=False, dispatch_uid="outbox.periodic_success")
