"""Batch codes: `<recipe prefix>-<year>-<sequence>`, unique in the workspace even under concurrent starts.

The sequence lives in one BatchCodeCounter row per (prefix, year). Taking a number (an upsert) locks
that row until the starting transaction ends, so two starts can never read the same `last`;
a rolled-back start gives its number back. The unique constraint on Batch.code is the last line of
defence.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.db import connection
from django.utils import timezone

from batches.models import BatchCodeCounter
from batchtrack.tenancy import active_tenant


def workspace_now(at: datetime | None = None) -> datetime:
    """`at` (default now) in the workspace's time zone: a batch started on 31 December at 23:30 in
    Auckland belongs to that year and month, whatever UTC says."""
    name = getattr(active_tenant(), "time_zone", "") or "UTC"
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return timezone.localtime(at or timezone.now(), zone)


def next_batch_code(*, prefix: str, at: datetime | None = None) -> str:
    """Take the next code for `prefix` in the current year. Call inside the start's transaction.

    One statement: the year's first batch of a prefix inserts its counter row, later ones add one to
    it; either way the row stays locked until the transaction ends, so a concurrent start waits and
    then takes the next number."""
    year = workspace_now(at).year
    table = connection.ops.quote_name(BatchCodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, year, last) VALUES (%s, %s, 1)"
            f" ON CONFLICT (prefix, year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [prefix, year],
        )
        (last,) = cursor.fetchone()
    return f"{prefix}-{year}-{last:03d}"
