"""The last-write mark of a workspace (WorkspaceActivity): at most one database write an hour."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from staff.models import WorkspaceActivity

THROTTLE = timedelta(hours=1)


def note_write(*, organization_id: int) -> None:
    """Mark the workspace as written to now, unless it was marked within the hour. The hour is
    remembered in the shared cache; with the cache unavailable the mark is skipped, never the
    request (the next write after it is back marks it)."""
    if not caches["global"].add(
        f"staff:activity:{organization_id}", 1, int(THROTTLE.total_seconds())
    ):
        return
    table = f'"{get_public_schema_name()}"."{WorkspaceActivity._meta.db_table}"'
    with connection.cursor() as cursor:
        # One statement, whoever else writes at the same moment.
        cursor.execute(
            f"INSERT INTO {table} (organization_id, last_write_at) VALUES (%s, %s) "
            "ON CONFLICT (organization_id) DO UPDATE SET last_write_at = EXCLUDED.last_write_at",
            [organization_id, timezone.now()],
        )
