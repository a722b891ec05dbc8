"""Reuse a test database only while it matches the code: a fingerprint of everything that shapes its
schema (every migration, the pinned packages, whose migrations run too, and the installed apps) is
kept as the database's comment. A database whose comment differs is built afresh.

pytest-django's --reuse-db alone would keep a database migrated by older code after a pull, and
`make test` used to pass --create-db every time instead, paying the migrations on every run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
_PREFIX = "batchtrack-tests:"


def fingerprint() -> str:
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("tests/*/migrations/*.py"))
    files += [*ROOT.glob("tests/djstripe_migrations/*.py"), ROOT / "requirements" / "dev.txt"]
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(repr(settings.INSTALLED_APPS).encode())
    return _PREFIX + digest.hexdigest()


def _test_database_name() -> str:
    configured = settings.DATABASES["default"]
    return configured.get("TEST", {}).get("NAME") or "test_" + configured["NAME"]


def matches(expected: str) -> bool:
    """Whether this run's test database exists with `expected` as its comment. Asked before the
    test database is set up, so on the configured database's connection."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [_test_database_name()],
        )
        row = cursor.fetchone()
    return row is not None and row[0] == expected


def record(value: str) -> None:
    """Mark the (now set up) test database with `value`; runs on its own connection."""
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE {connection.ops.quote_name(name)} IS %s", [value])
