"""What a workspace costs as the fleet grows: sign-up at the start and at N workspaces, the fleet
migrate with nothing to do and with one new migration, and each workspace's catalog rows and bytes.

    .venv/bin/python bench/fleet.py [--workspaces N] [--keep]

Workspaces up to N are filler: one workspace schema is built by the real migrations while every
statement that writes is recorded, and each filler schema replays those statements (the same
tables, indexes, constraints, triggers, migration history and content types: the same catalog
footprint, in a fraction of the time), with its organization and domain rows. They are removed
again at the end unless --keep. The timed sign-ups use the real sign-up service. Sign-up is timed both ways: with a spare schema ready (what users get while the pool
keeps up; tenants/services/spare_schemas.py) and without (a burst that empties the pool). The
"one new migration" is an AddField on inventory's Item, given to the loader from a temporary copy
of inventory's migrations and removed from every schema afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, bench_owner, emit, setup_django

PREFIX = "bench-fleet-"
SIGNUPS = 9  # timed sign-ups per measurement
NEW_MIGRATION = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("inventory", "{leaf}")]
    operations = [
        migrations.AddField("item", "bench_fleet_flag", models.BooleanField(default=False)),
    ]
"""


_READS = ("SELECT", "SHOW", "SET ", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


def recorded_schema() -> list[tuple[str, object]]:
    """Every writing statement (and its parameters) the migrations run to build one workspace
    schema, recorded while building a spare one, which is dropped again."""
    from django.db import connection

    from tenants.services import spare_schemas

    statements: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        in_workspace = context["connection"].schema_name != "public"
        if in_workspace and not sql.lstrip().upper().startswith(_READS):
            statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        spare = spare_schemas.build(spare_schemas.migration_state())
    spare_schemas.drop(spare)
    return statements


def fill(schema: str, statements: list[tuple[str, object]]) -> None:
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{schema}"')
        connection.set_schema(schema)
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
        connection.set_schema_to_public()


def workspace_count() -> int:
    from tenants.models import Organization

    return Organization.objects.exclude(schema_name="public").count()


def grow_to(target: int) -> None:
    from tenants.links import workspace_host
    from tenants.models import Domain, Organization
    from tenants.services.provisioning import schema_name_for

    have = workspace_count()
    taken = set(Organization.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True))
    numbers = [n for n in range(target * 2) if f"{PREFIX}{n}" not in taken][: max(0, target - have)]
    if not numbers:
        return
    statements = recorded_schema()
    for n in numbers:
        slug = f"{PREFIX}{n}"
        fill(schema_name_for(slug), statements)
        organization = Organization(name=f"Fleet {n}", slug=slug, schema_name=schema_name_for(slug))
        organization.auto_create_schema = False
        organization.save()
        Domain.objects.create(domain=workspace_host(slug), tenant=organization, is_primary=True)


def time_sign_ups(label: str, with_spares: bool) -> list[float]:
    from django.conf import settings

    from tenants.services import spare_schemas
    from tenants.services.provisioning import provision_workspace

    settings.SPARE_SCHEMAS = 0  # no refill enqueued by the sign-ups themselves
    if with_spares:
        spare_schemas.refill(size=SIGNUPS)
    owner, stamp, durations = bench_owner(), int(time.time()), []
    for n in range(SIGNUPS):
        start = time.perf_counter()
        provision_workspace(name="Timed", slug=f"{PREFIX}{label}-{stamp}-{n}", owner=owner)
        durations.append(time.perf_counter() - start)
    return durations


def catalog_and_bytes() -> tuple[int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class")
        rows = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    return rows, size


def fleet_migrate_seconds() -> tuple[float, int]:
    from tenants.fleet import FleetMigrator

    start = time.perf_counter()
    report = FleetMigrator().run()
    assert not report.failed, report.failed
    return time.perf_counter() - start, len(report.migrated)


def command_seconds() -> float:
    """The deploy step as an operator runs it: `manage.py migrate_workspaces`, process start included."""
    import subprocess

    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate_workspaces"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def with_one_new_migration(work):
    """Run `work` while the loader sees one more inventory migration, then take it out again."""
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from tenants.fleet import workspace_schemas

    leaf = max(n for app, n in MigrationLoader(None).graph.leaf_nodes() if app == "inventory")
    folder = Path(tempfile.mkdtemp())
    package = folder / "bench_fleet_inventory_migrations"
    shutil.copytree(ROOT / "inventory" / "migrations", package)
    (package / "9999_bench_fleet_flag.py").write_text(NEW_MIGRATION.format(leaf=leaf))
    sys.path.insert(0, str(folder))
    settings.MIGRATION_MODULES = {
        **settings.MIGRATION_MODULES,
        "inventory": "bench_fleet_inventory_migrations",
    }
    try:
        return work()
    finally:
        settings.MIGRATION_MODULES = {
            k: v for k, v in settings.MIGRATION_MODULES.items() if k != "inventory"
        }
        with connection.cursor() as cursor:
            for schema in workspace_schemas():
                cursor.execute(
                    f'ALTER TABLE "{schema}".inventory_item DROP COLUMN IF EXISTS bench_fleet_flag'
                )
                cursor.execute(
                    f"DELETE FROM \"{schema}\".django_migrations WHERE app = 'inventory' "
                    "AND name = '9999_bench_fleet_flag'"
                )
        shutil.rmtree(folder)


def remove_bench_workspaces() -> None:
    from django.db import connection

    from tenants.models import Organization, SpareSchema
    from tenants.services.spare_schemas import drop

    for organization in Organization.objects.filter(slug__startswith=PREFIX):
        schema = organization.schema_name
        organization.delete()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    for spare in SpareSchema.objects.all():
        drop(spare)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workspaces", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="Keep the workspaces made.")
    args = parser.parse_args()
    setup_django()

    at_start = workspace_count()
    spare_0 = time_sign_ups("a", with_spares=True)
    plain_0 = time_sign_ups("b", with_spares=False)
    rows_0, bytes_0 = catalog_and_bytes()
    count_0 = workspace_count()

    started = time.perf_counter()
    grow_to(args.workspaces)
    grow_s = time.perf_counter() - started
    rows_n, bytes_n = catalog_and_bytes()
    count_n = workspace_count()

    spare_n = time_sign_ups("c", with_spares=True)
    plain_n = time_sign_ups("d", with_spares=False)
    # The replayed fillers can lag the recorded build by the migrations the recorder wrote outside
    # the workspace's schema; one fleet pass brings every schema in line first (timed: it is also
    # what applying pending migrations to the whole fleet costs).
    catch_up_s, caught_up = fleet_migrate_seconds()
    noop_s, noop_migrated = fleet_migrate_seconds()
    noop_command_s = command_seconds()
    one_s, one_migrated = with_one_new_migration(fleet_migrate_seconds)
    fleet_size = workspace_count()
    if not args.keep:
        remove_bench_workspaces()

    added = max(1, count_n - count_0)
    emit(
        {
            "bench": "fleet",
            "workspaces": fleet_size,
            "workspaces_at_start": at_start,
            "signup_median_s_at_0": round(statistics.median(spare_0), 3),
            "signup_median_s_at_n": round(statistics.median(spare_n), 3),
            "signup_ratio": round(statistics.median(spare_n) / statistics.median(spare_0), 2),
            "signup_without_spare_median_s_at_0": round(statistics.median(plain_0), 3),
            "signup_without_spare_median_s_at_n": round(statistics.median(plain_n), 3),
            "migrate_catch_up_s": round(catch_up_s, 2),
            "migrate_catch_up_schemas": caught_up,
            "migrate_noop_s": round(noop_s, 2),
            "migrate_noop_schemas_migrated": noop_migrated,
            "migrate_noop_command_s": round(noop_command_s, 2),
            "migrate_one_s": round(one_s, 2),
            "migrate_one_schemas_migrated": one_migrated,
            "catalog_rows_per_workspace": round((rows_n - rows_0) / added),
            "bytes_per_workspace": round((bytes_n - bytes_0) / added),
            "grow_s": round(grow_s, 1),
            "targets": {"signup_s": 1.0, "signup_ratio": 1.15, "noop_s": 10, "one_s": 60},
        }
    )


if __name__ == "__main__":
    main()
