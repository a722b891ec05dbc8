"""Batch codes: `<recipe prefix>-<year>-<sequence>`, unique in the workspace even under concurrent starts.

The sequence lives in one BatchCodeCounter row per (prefix, year). Taking a number locks that row with
SELECT ... FOR UPDATE until the starting transaction ends, so two starts can never read the same `last`;
a rolled-back start gives its number back. The unique constraint on Batch.code is the last line of
defence.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.db.models import F
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
    """Take the next code for `prefix` in the current year. Call inside the start's transaction."""
    year = workspace_now(at).year
    counter = BatchCodeCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if counter is None:
        # First batch of this prefix this year: create the row (a concurrent creator wins the
        # insert, we then lock its row and queue behind it).
        BatchCodeCounter.objects.bulk_create(
            [BatchCodeCounter(prefix=prefix, year=year, last=0)], ignore_conflicts=True
        )
        counter = BatchCodeCounter.objects.select_for_update().get(prefix=prefix, year=year)
    BatchCodeCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    return f"{prefix}-{year}-{counter.last + 1:03d}"
