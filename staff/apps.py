from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff console"

    def ready(self) -> None:
        from staff import receivers

        receivers.connect()
