from __future__ import annotations

from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Organizations and accounts"

    def ready(self) -> None:
        from tenants import request_cache  # noqa: F401 - connects its invalidation signals
