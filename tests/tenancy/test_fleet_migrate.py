"""The fleet migrate (tenants/fleet.py, `manage.py migrate_workspaces`) on 20 workspace schemas:
the new migration reaches every one, a schema broken on purpose fails alone and is reported, a
second run carries on from there, and the dry run lists what would change without changing it.

The schemas are small copies of a real workspace's: its migration history and the table of the
tests' own workspace app (tests/fleetapp), whose `next_migrations` add one column. Building 20
full workspaces would cost the suite half a minute and prove nothing more.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from tenants import fleet

NEXT = override_settings(
    MIGRATION_MODULES={
        "djstripe": "tests.djstripe_migrations",
        "fleetapp": "tests.fleetapp.next_migrations",
    }
)
NEW = ("fleetapp", "0002_note_colour")


def small_workspace(name: str, template: str) -> str:
    """A schema holding `template`'s migration history, content types and notes table."""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{name}"')
        for table in ("django_migrations", "django_content_type", "fleetapp_note"):
            cursor.execute(
                f'CREATE TABLE "{name}"."{table}" (LIKE "{template}"."{table}" INCLUDING ALL)'
            )
        for table in ("django_migrations", "django_content_type"):
            cursor.execute(f'INSERT INTO "{name}"."{table}" SELECT * FROM "{template}"."{table}"')
            cursor.execute(  # the copy's own id sequence starts after the copied rows
                f"SELECT setval(pg_get_serial_sequence('\"{name}\".\"{table}\"', 'id'), "
                f'(SELECT max(id) FROM "{name}"."{table}"))'
            )
    return name


def column_type(schema: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = 'fleetapp_note' AND column_name = 'colour'",
            [schema],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def recorded(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM "{schema}".django_migrations WHERE app = %s AND name = %s', NEW
        )
        return cursor.fetchone()[0] == 1


@pytest.fixture
def fleet_of_20(db, org_a) -> list[str]:
    connection.set_schema_to_public()
    return [small_workspace(f"fleet_{n:02d}", org_a.schema_name) for n in range(20)]


def migrate(schemas: list[str], *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = [arg for schema in schemas for arg in ("--schema", schema)]
    try:
        call_command("migrate_workspaces", *args, *extra, stdout=out, stderr=err)
    finally:
        connection.set_schema_to_public()
    return out.getvalue(), err.getvalue()


def test_up_to_date_fleet_has_nothing_to_do(fleet_of_20):
    out, _ = migrate(fleet_of_20)
    assert "20 schema(s) checked, 0 behind, 0 migrated, 0 failed" in out


@NEXT
def test_dry_run_lists_the_new_migration_and_changes_nothing(fleet_of_20):
    out, _ = migrate(fleet_of_20, "--dry-run")
    assert "20 schema(s) would get 1 migration(s):" in out
    assert "fleetapp.0002_note_colour" in out
    assert "and 10 more" in out
    assert all(column_type(s) is None and not recorded(s) for s in fleet_of_20)


@NEXT
def test_one_broken_schema_fails_alone_and_a_second_run_finishes_it(fleet_of_20):
    broken = fleet_of_20[7]
    with connection.cursor() as cursor:  # a column of the same name, by hand: ADD COLUMN fails
        cursor.execute(f'ALTER TABLE "{broken}".fleetapp_note ADD COLUMN colour integer')

    with pytest.raises(CommandError, match="1 workspace schema"):
        migrate(fleet_of_20)

    healthy = [s for s in fleet_of_20 if s != broken]
    assert all(column_type(s) == "character varying" and recorded(s) for s in healthy)
    assert column_type(broken) == "integer" and not recorded(broken)  # left exactly as it was

    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{broken}".fleetapp_note DROP COLUMN colour')
    out, _ = migrate(fleet_of_20)
    assert "20 schema(s) checked, 1 behind, 1 migrated, 0 failed" in out
    assert column_type(broken) == "character varying" and recorded(broken)
    assert "0 behind" in migrate(fleet_of_20)[0]


@NEXT
def test_the_failure_report_names_the_schema_and_the_error(fleet_of_20):
    broken = fleet_of_20[0]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE "{broken}".fleetapp_note')
    report = fleet.FleetMigrator().run(fleet_of_20[:3])
    assert report.migrated == fleet_of_20[1:3]
    assert list(report.failed) == [broken]
    assert "fleetapp_note" in report.failed[broken]


@NEXT
def test_migrations_with_python_steps_run_schema_by_schema(fleet_of_20, monkeypatch):
    monkeypatch.setattr(fleet, "_writable_as_sql", lambda migration: False)
    report = fleet.FleetMigrator().run(fleet_of_20[:2])
    assert report.migrated == fleet_of_20[:2] and not report.failed
    assert all(column_type(s) == "character varying" and recorded(s) for s in fleet_of_20[:2])


def test_applied_migrations_are_read_for_every_schema_in_one_query(fleet_of_20, org_a):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        applied = fleet.applied_by_schema([*fleet_of_20, "no_such_schema"])
    reads = [q for q in queries.captured_queries if "django_migrations" in q["sql"]]
    assert len(reads) == 2  # which schemas have the table; then all their rows
    assert applied["no_such_schema"] == set()
    assert applied[fleet_of_20[0]] == applied[fleet_of_20[19]]
    assert ("fleetapp", "0001_initial") in applied[fleet_of_20[0]]
