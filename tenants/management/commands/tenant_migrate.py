"""The migrate command django-tenants runs inside each new or existing workspace schema.

Plain `migrate` replays every installed app's migration state for each schema even though the router
skips shared apps' DDL; dj-stripe's history alone makes that ~30 s a workspace. Here tenant apps are
migrated for real, shared-only apps are only recorded as applied, and a final pass lets post_migrate
create the content types. The resulting schema is the same as plain migrate's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections
from django_tenants.utils import get_public_schema_name


def tenant_app_labels() -> list[str]:
    return [app.rsplit(".", 1)[-1] for app in settings.TENANT_APPS]


class Command(MigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        plain = (
            connection.schema_name == get_public_schema_name()
            or options.get("app_label")
            or options.get("fake")
        )
        if plain:
            return super().handle(*args, **options)
        for label in tenant_app_labels():
            super().handle(
                *args,
                **{**options, "app_label": label, "migration_name": None, "run_syncdb": False},
            )
        super().handle(*args, **{**options, "fake": True})
        return super().handle(*args, **options)
