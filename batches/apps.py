from __future__ import annotations

from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "batches"

    def ready(self) -> None:
        from batches.services.lifecycle import batches_started_this_month
        from billing.usage import register_counter

        register_counter("batches_per_month", lambda organization: batches_started_this_month())
