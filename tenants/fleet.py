"""Migrating every workspace schema in seconds (`manage.py migrate_workspaces`).

Running Django's migrate once per schema costs about half a second of Python per workspace even
when there is nothing to do (loading the migration files, rendering ~220 models' state, checking
content types), so a fleet of 1,000 took many minutes. Here that work is done once for the fleet:

1. the migration graph is built once, from the files;
2. every schema's applied migrations are read in one query (`applied_by_schema`);
3. schemas are grouped by what they still need (usually one group: all of them, or none);
4. for a group, the SQL of its migrations is generated once (against the group's first schema,
   as `sqlmigrate` would) and run in each schema of the group, one transaction per schema on one
   connection, recording the migrations as applied in the same transaction.

A group whose migrations can't be written as SQL (RunPython, or a migration that must run outside a
transaction) is migrated schema by schema the ordinary way (`migrate_schemas --schema`). A schema
that fails is reported and left as it was (its transaction rolls back); the others complete, and
running the command again picks up exactly what is left.

Migrations of shared apps (whose tables live in the public schema) are recorded as applied in each
workspace without running anything there, as tenants/management/commands/tenant_migrate.py does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.management import create_contenttypes
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.migration import Migration
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from tenants.models import Organization, SpareSchema

Key = tuple[str, str]
# Operations that add, remove or rename a model: its content type must follow in each schema.
_MODEL_SET_CHANGES = (ops.CreateModel, ops.DeleteModel, ops.RenameModel)
_CHUNK = 500  # schemas per applied-migrations query


@dataclass
class Group:
    """Schemas that need the same migrations, in order."""

    pending: list[Key]
    schemas: list[str] = field(default_factory=list)


@dataclass
class FleetReport:
    schemas: int = 0
    behind: int = 0
    migrated: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def workspace_schemas() -> list[str]:
    """Every workspace schema and every spare one (tenants/services/spare_schemas.py)."""
    names = set(
        Organization.objects.exclude(schema_name=get_public_schema_name()).values_list(
            "schema_name", flat=True
        )
    )
    names.update(SpareSchema.objects.values_list("schema_name", flat=True))
    return sorted(names)


def applied_by_schema(schemas: list[str]) -> dict[str, set[Key]]:
    """Each schema's applied migrations, read in one query per 500 schemas. A schema without a
    `django_migrations` table (never migrated) has none."""
    applied: dict[str, set[Key]] = {schema: set() for schema in schemas}
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM unnest(%s::text[]) AS name "
            "WHERE to_regclass(format('%%I.django_migrations', name)) IS NOT NULL",
            [schemas],
        )
        ready = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(ready), _CHUNK):
            chunk = ready[start : start + _CHUNK]
            query = " UNION ALL ".join(
                f"SELECT %s, app, name FROM {connection.ops.quote_name(schema)}.django_migrations"
                for schema in chunk
            )
            cursor.execute(query, chunk)
            for schema, app, name in cursor.fetchall():
                applied[schema].add((app, name))
    return applied


def full_plan(loader: MigrationLoader) -> list[Key]:
    """Every migration of every app, in an order that applies dependencies first."""
    plan: list[Key] = []
    seen: set[Key] = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key not in seen:
                seen.add(key)
                plan.append(key)
    return plan


def group_schemas(plan: list[Key], applied: dict[str, set[Key]]) -> list[Group]:
    groups: dict[tuple[Key, ...], Group] = {}
    for schema, done in applied.items():
        pending = tuple(key for key in plan if key not in done)
        if pending:
            groups.setdefault(pending, Group(list(pending))).schemas.append(schema)
    return list(groups.values())


def _tenant_labels() -> set[str]:
    return {app.rsplit(".", 1)[-1] for app in settings.TENANT_APPS}


def _writable_as_sql(migration: Migration) -> bool:
    return migration.atomic and all(op.reduces_to_sql for op in migration.operations)


def _collect_sql(loader: MigrationLoader, keys: list[Key], schema: str) -> list[str]:
    """The SQL of `keys` as it would run in `schema` (introspection, where an operation needs it,
    reads that schema). Each migration starts from the state of its own ancestors."""
    connection.set_schema(schema)
    loader.connection = connection
    statements: list[str] = []
    for key in keys:
        migration = loader.graph.nodes[key]
        state = loader.project_state(key, at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            migration.apply(state, editor, collect_sql=True)
        statements.extend(editor.collected_sql)
    # Drop the "-- Add field ..." comments Django adds between operations.
    without_comments = (
        "\n".join(line for line in s.splitlines() if not line.lstrip().startswith("--"))
        for s in statements
    )
    return [s for s in without_comments if s.strip()]


class FleetMigrator:
    """Plans and applies the fleet's migrations. `progress` receives one line per step worth
    telling an operator about."""

    def __init__(self, progress: Callable[[str], None] = lambda line: None) -> None:
        self.progress = progress
        self.loader = MigrationLoader(None, ignore_no_migrations=True)
        self.tenant_labels = _tenant_labels()

    def plan(self, schemas: Iterable[str] | None = None) -> tuple[list[str], list[Group]]:
        names = workspace_schemas() if schemas is None else list(schemas)
        applied = applied_by_schema(names)
        return names, group_schemas(full_plan(self.loader), applied)

    def run(self, schemas: Iterable[str] | None = None) -> FleetReport:
        names, groups = self.plan(schemas)
        report = FleetReport(schemas=len(names), behind=sum(len(g.schemas) for g in groups))
        for group in groups:
            self._migrate_group(group, report)
        connection.set_schema_to_public()
        return report

    def _migrate_group(self, group: Group, report: FleetReport) -> None:
        runs = [k for k in group.pending if k[0] in self.tenant_labels]
        migrations = [self.loader.graph.nodes[key] for key in runs]
        self.progress(
            f"{len(group.schemas)} schema(s) need {len(group.pending)} migration(s), "
            f"{len(runs)} of them run in the workspace"
        )
        if not all(_writable_as_sql(m) for m in migrations):
            self.progress("  these include Python steps: migrating one schema at a time")
            for index, schema in enumerate(group.schemas, 1):
                self._attempt(report, schema, lambda s=schema: self._migrate_plainly(s))
                self._tick(index, len(group.schemas))
            return
        try:
            statements = _collect_sql(self.loader, runs, group.schemas[0])
        except Exception as exc:  # the SQL could not be generated: every schema of the group fails
            for schema in group.schemas:
                report.failed[schema] = f"could not prepare the migration: {exc}"
            return
        new_models = {
            m.app_label
            for m in migrations
            if any(isinstance(op, _MODEL_SET_CHANGES) for op in m.operations)
        }
        for index, schema in enumerate(group.schemas, 1):
            self._attempt(
                report,
                schema,
                lambda s=schema: self._apply_sql(s, statements, group.pending, new_models),
            )
            self._tick(index, len(group.schemas))

    def _attempt(self, report: FleetReport, schema: str, work: Callable[[], None]) -> None:
        try:
            work()
        except Exception as exc:  # one schema's failure must not stop the fleet
            report.failed[schema] = f"{type(exc).__name__}: {exc}"
            self.progress(f"  {schema}: FAILED ({type(exc).__name__}: {exc})")
        else:
            report.migrated.append(schema)
        finally:
            connection.set_schema_to_public()

    def _tick(self, index: int, total: int) -> None:
        if index == total or index % 100 == 0:
            self.progress(f"  {index}/{total} schemas done")

    def _apply_sql(
        self, schema: str, statements: list[str], pending: list[Key], new_models: set[str]
    ) -> None:
        connection.set_schema(schema)
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            now = timezone.now()
            cursor.executemany(
                "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
                [(app, name, now) for app, name in pending],
            )
            for label in sorted(new_models):  # what post_migrate would have done
                create_contenttypes(apps.get_app_config(label), verbosity=0)

    def _migrate_plainly(self, schema: str) -> None:
        call_command(
            "migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0
        )


def describe(groups: list[Group]) -> list[str]:
    """What a run would do, for the dry run."""
    if not groups:
        return ["Every workspace is up to date."]
    lines = []
    for group in groups:
        lines.append(f"{len(group.schemas)} schema(s) would get {len(group.pending)} migration(s):")
        lines.extend(f"  {app}.{name}" for app, name in group.pending)
        shown = ", ".join(group.schemas[:10])
        more = f" and {len(group.schemas) - 10} more" if len(group.schemas) > 10 else ""
        lines.append(f"  in: {shown}{more}")
    return lines
