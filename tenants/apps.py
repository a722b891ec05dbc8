from __future__ import annotations

from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Organizations and accounts"

    def ready(self) -> None:
        from tenants import migration_table, request_cache, signout_messages  # noqa: F401 - receivers

        migration_table.install()
