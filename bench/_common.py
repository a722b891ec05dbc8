"""Shared bootstrap for benchmarks: each bench runs alone as `.venv/bin/python bench/NAME.py`, on the
same services as `make run` (embedded PostgreSQL/Redis when no URLs are set), and prints one JSON
object as its last line."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batchtrack.settings")
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    from batchtrack.devservices import ensure_env

    ensure_env(embedded=True)  # a development tool, whatever DEBUG says
    import django

    django.setup()
    from django.core.management import call_command

    # Same schemas as `make run`: the shared one and every workspace's (benchmarks reuse theirs).
    call_command("migrate_schemas", interactive=False, verbosity=0)
    # Pages render with DEBUG off, as in production: static URLs come from the collected manifest.
    from django.conf import settings

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


def bench_owner(email: str = "bench@batchtrack.local"):
    from tenants.models import User

    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email=email, password=None)


def bench_workspace(slug: str, name: str | None = None):
    """A workspace reserved for one benchmark, created on first use and reused afterwards."""
    from tenants.models import Organization
    from tenants.services.provisioning import provision_workspace

    organization = Organization.objects.filter(slug=slug).first()
    return organization or provision_workspace(name=name or slug, slug=slug, owner=bench_owner())


def drop_workspace(organization) -> None:
    """Remove a benchmark's workspace: its schema and its rows."""
    from django.db import connection

    schema = organization.schema_name
    organization.delete()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def timer(samples: list[float]):
    start = time.perf_counter()
    yield
    samples.append(time.perf_counter() - start)


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def emit(result: dict) -> None:
    print(json.dumps(result, sort_keys=True))


class RoundTrips:
    """Count the messages that wait for PostgreSQL inside the block: statements (SET search_path and
    savepoints included), BEGIN when it travels alone, COMMIT and ROLLBACK.

    The app's backend (batchtrack/db_backend) counts them itself; with django-tenants' stock backend
    (an older checkout, for before/after runs) they are counted around Django's cursor and
    transaction calls, where psycopg2's own BEGIN shows up as the first statement of a transaction."""

    def __enter__(self):
        from django.db import connection

        self.count = 0
        self.connection = connection
        connection.ensure_connection()
        raw = connection.connection
        if hasattr(raw, "round_trips"):
            self._start = raw.round_trips
            return self
        self._start = None
        self._wrapper = connection.execute_wrapper(self._execute)
        self._wrapper.__enter__()
        self._commit, self._rollback = connection._commit, connection._rollback
        connection._commit = lambda: self._end(self._commit)
        connection._rollback = lambda: self._end(self._rollback)
        return self

    def _busy(self) -> bool:
        from psycopg2 import extensions

        raw = self.connection.connection
        return raw is not None and raw.info.transaction_status != extensions.TRANSACTION_STATUS_IDLE

    def _execute(self, execute, sql, params, many, context):
        if not self.connection.get_autocommit() and not self._busy():
            self.count += 1  # psycopg2 sends BEGIN first
        self.count += 1
        return execute(sql, params, many, context)

    def _end(self, end):
        if self._busy():
            self.count += 1
        return end()

    def __exit__(self, *exc):
        if self._start is not None:
            self.count = self.connection.connection.round_trips - self._start
            return
        self._wrapper.__exit__(*exc)
        del self.connection._commit, self.connection._rollback
