"""The migrate command django-tenants runs inside each new or existing workspace schema.

Plain `migrate` applies every installed app's migrations to each schema; the router skips the DDL of
shared apps, but Django still replays and re-renders their model state (dj-stripe's history alone
costs ~30 s a workspace). Here shared-only apps' migrations are recorded as applied in one insert,
without replaying them, and one ordinary migrate then applies the workspace apps' own migrations
and lets post_migrate create the content types. The resulting schema is the same as plain migrate's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django_tenants.utils import get_public_schema_name


def tenant_app_labels() -> set[str]:
    return {app.rsplit(".", 1)[-1] for app in settings.TENANT_APPS}


class Command(MigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        plain = (
            connection.schema_name == get_public_schema_name()
            or options.get("app_label")
            or options.get("fake")
        )
        if not plain:
            # contenttypes is a workspace app every shared app depends on: migrate it for real first.
            super().handle(
                *args,
                **{
                    **options,
                    "app_label": "contenttypes",
                    "migration_name": None,
                    "run_syncdb": False,
                },
            )
            record_shared_migrations(connection)
        return super().handle(*args, **options)


def record_shared_migrations(connection) -> None:
    """Mark unapplied migrations of shared-only apps as applied, except any that depend on a
    workspace app's migration not yet applied (ordinary migrate handles those)."""
    tenant_labels = tenant_app_labels()
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = set(recorder.applied_migrations())
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    to_record = []
    for key in graph.leaf_nodes() + list(graph.nodes):
        if key[0] in tenant_labels or key in applied or key in to_record:
            continue
        plan = graph.forwards_plan(key)
        if all(dep[0] not in tenant_labels or dep in applied for dep in plan):
            to_record.extend(dep for dep in plan if dep not in applied and dep not in to_record)
    recorder.Migration.objects.using(connection.alias).bulk_create(
        recorder.Migration(app=app, name=name) for app, name in to_record
    )
