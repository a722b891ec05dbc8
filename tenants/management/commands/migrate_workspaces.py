"""`manage.py migrate_workspaces`: bring every workspace schema up to date (tenants/fleet.py).

Run it after `migrate_schemas --shared` on each deploy. `--dry-run` lists what would change; a
schema that fails is reported at the end (exit status 1) and left as it was, and running the command
again carries on from there.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from tenants.fleet import FleetMigrator, describe


class Command(BaseCommand):
    help = "Apply pending migrations to every workspace schema, fleet-wide."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would change.")
        parser.add_argument(
            "--schema", action="append", dest="schemas", help="Only this schema (repeatable)."
        )

    def handle(self, *args, dry_run: bool = False, schemas: list[str] | None = None, **options):
        started = time.perf_counter()
        migrator = FleetMigrator(progress=self.stdout.write)
        if dry_run:
            names, groups = migrator.plan(schemas)
            self.stdout.write(f"{len(names)} workspace schema(s) checked.")
            for line in describe(groups):
                self.stdout.write(line)
            return
        report = migrator.run(schemas)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{report.schemas} schema(s) checked, {report.behind} behind, "
            f"{len(report.migrated)} migrated, {len(report.failed)} failed, in {elapsed:.1f} s."
        )
        if report.failed:
            for schema, error in sorted(report.failed.items()):
                self.stderr.write(f"  {schema}: {error}")
            raise CommandError(
                f"{len(report.failed)} workspace schema(s) could not be migrated; the others are "
                "done. Fix the cause and run the command again: it carries on from there."
            )
