"""Periodic jobs that catch up: a run missed while the broker was unreachable (or beat was down)
is sent once when beat can reach the broker again. The only writer of PeriodicRun.

Celery's beat moves an entry on to its next time before it sends it, so a send that fails is
simply lost, and a beat that was not running never learns what it missed: a nightly job that fell
in a Redis outage did not run that day. Here every crontab entry of CELERY_BEAT_SCHEDULE (the
nightly audit, billing reconciliation, retention, the hourly digests and alerts) records, per
schema, when beat last sent it (`record_sent`) and when it last succeeded (`record_success`, from the
worker). `missed` names the schemas whose latest scheduled time has passed since either, by more
than GRACE; beat (tenants/scheduler.py) sends those runs once and records them sent, so the next
check finds nothing. Interval entries (every minute or two) are left alone: their next run comes
soon anyway.

What reached the broker counts as sent: a message lost with the broker's data is not sent again
(Redis keeps its data across a restart with AOF: see the README). Every periodic job is safe to run
twice, should a catch-up meet a run that is just late.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from celery.schedules import crontab
from django.utils import timezone

from outbox.models import PeriodicRun

# Beat sends an entry at its time on its own; a catch-up leaves it that long to do so first.
GRACE = timedelta(minutes=5)


def catches_up(schedule) -> bool:
    """Whether an entry with this schedule is caught up after a missed run (crontab entries)."""
    return isinstance(schedule, crontab)


def record_sent(task_name: str, schemas: list[str], *, at: datetime | None = None) -> None:
    _record(task_name, schemas, "last_sent_at", at or timezone.now())


def record_success(task_name: str, schema: str, *, at: datetime | None = None) -> None:
    _record(task_name, [schema], "last_success_at", at or timezone.now())


def missed(task_name: str, schedule: crontab, schemas: list[str], *, now: datetime) -> list[str]:
    """The schemas in which `task_name` had a scheduled time more than GRACE ago that came after
    its last send and its last success there. A schema never seen before starts its record now and
    is not caught up (there is nothing known to catch up)."""
    runs = {
        run.schema_name: run
        for run in PeriodicRun.objects.filter(task_name=task_name, schema_name__in=schemas)
    }
    new = [schema for schema in schemas if schema not in runs]
    if new:
        record_sent(task_name, new, at=now)
    late = []
    for schema, run in runs.items():
        since = max(filter(None, (run.last_sent_at, run.last_success_at)), default=now)
        if next_time(schedule, since) <= now - GRACE:
            late.append(schema)
    return sorted(late)


def next_time(schedule: crontab, since: datetime) -> datetime:
    """The first time `schedule` names after `since`."""
    start, delta, _now = schedule.remaining_delta(since, tz=schedule.tz)
    return start + delta


def _record(task_name: str, schemas: list[str], field: str, at: datetime) -> None:
    PeriodicRun.objects.bulk_create(
        [PeriodicRun(task_name=task_name, schema_name=schema, **{field: at}) for schema in schemas],
        update_conflicts=True,
        unique_fields=["task_name", "schema_name"],
        update_fields=[field],
    )


def on_task_success(sender=None, **kwargs) -> None:
    """Celery's task_success signal (connected in outbox/apps.py): a periodic job that succeeded
    records it, in the schema it ran in (tenant-schemas-celery's, until the task ends)."""
    from django.conf import settings
    from django.db import connection

    name = getattr(sender, "name", None)
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    if any(e["task"] == name and catches_up(e["schedule"]) for e in entries):
        record_success(name, connection.schema_name)
