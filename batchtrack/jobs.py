"""Background jobs a maker waits on: one abstract model and one runner.

Exports and imports (`reports`) and sample-data loads (`workspace`) are the same thing seen from the
page: a row that moves queued -> running -> done | failed, says how far it got and, when it fails,
why in plain words. This module holds what they share, once:

- `Job`, the abstract model: status, progress (0-100) and the step being done in plain words, the
  error, who asked, and when it was asked for, started and finished. Progress is stored one way,
  on the row, whatever the job.
- `run_job`, the runner: claims a queued job, or one still "running" past `STALE_AFTER` (its worker
  died and acks_late redelivered the task), under a row lock so two deliveries run it once; runs the
  job's work with a `Progress` writer; records done, or failed with a message a person can act on.

It lives in the project package rather than in an app because both `reports` and `workspace` build
on it and neither should import the other; it imports no app, so no app can form a cycle through it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import DatabaseError, connection, connections, models, transaction
from django.db.models import Q
from django.utils import timezone

from batchtrack.errors import DomainError
from batchtrack.tenancy import active_schema_name, active_tenant

logger = logging.getLogger("batchtrack.jobs")

# A job still "running" this long after it started lost its worker; it may be claimed again. The
# longest job (a large export) takes minutes, so this leaves a live worker well alone.
STALE_AFTER = timedelta(minutes=30)

# The states every job goes through; a model's own choices add labels and any states of its own.
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class JobQuerySet(models.QuerySet):
    def claimable(self, now: datetime) -> JobQuerySet:
        """Jobs a worker may take: queued, or running so long that their worker is gone."""
        return self.filter(Q(status=QUEUED) | Q(status=RUNNING, started_at__lte=now - STALE_AFTER))

    def active(self, now: datetime) -> JobQuerySet:
        """Jobs waiting or being worked on now: queued, or running and not stale."""
        return self.filter(Q(status=QUEUED) | Q(status=RUNNING, started_at__gt=now - STALE_AFTER))


class Job(models.Model):
    """What every background job row holds. Subclasses redeclare `status` with their own choices
    (which include QUEUED, RUNNING, DONE and FAILED) and add their inputs and results."""

    status = models.CharField(max_length=10, default=QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0-100
    step = models.CharField(max_length=120, blank=True)  # what is being done now, in plain words
    error_message = models.TextField(blank=True)
    # A public-schema user id (users do not live in workspace schemas).
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    # States after which nothing more happens to the job.
    FINISHED: tuple[str, ...] = (DONE, FAILED)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress"
            )
        ]

    @property
    def is_running(self) -> bool:
        return self.status in (QUEUED, RUNNING)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


J = TypeVar("J", bound=Job)


class JobFailed(DomainError):
    """Raised by a job's work to fail it with exactly this message; `fields` are saved with it."""

    code = "JOB_FAILED"

    def __init__(self, message: str, **fields: Any):
        super().__init__(message)
        self.fields = fields


class Progress:
    """Writes how far a job got onto its row, where the page polling it can see it now.

    Work that runs inside its own transaction (an all-or-nothing import) would hide its progress
    until it commits, so while the work is deeper in transactions than the runner was, progress goes
    through a second, autocommitting connection to the same schema. Progress is advisory: a write
    that fails or waits more than a second on a lock is skipped, never fails the job."""

    def __init__(self, job: Job):
        self.job = job
        self._depth = len(connection.atomic_blocks)
        self._side: Any = None

    def __call__(self, percent: int, *, step: str | None = None, **fields: Any) -> None:
        values: dict[str, Any] = {"progress": max(0, min(100, int(percent)))}
        if step is not None:
            values["step"] = step[:120]
        values.update(fields)
        for name, value in values.items():
            setattr(self.job, name, value)
        if len(connection.atomic_blocks) > self._depth:
            self._write_aside(values)
        else:
            type(self.job).objects.filter(pk=self.job.pk).update(**values)

    def _write_aside(self, values: dict[str, Any]) -> None:
        meta = self.job._meta
        quote = connection.ops.quote_name
        columns = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in values)
        try:
            if self._side is None:
                self._side = connections.create_connection(connection.alias)
                self._side.set_tenant(active_tenant())
            with self._side.cursor() as cursor:
                # SET LOCAL in the same message: one implicit transaction, so the timeout neither
                # lingers on a pooled server connection nor misses the UPDATE (PgBouncer).
                cursor.execute(
                    f"SET LOCAL lock_timeout = '1s'; UPDATE {quote(meta.db_table)} SET {columns}"
                    f" WHERE {quote(meta.pk.column)} = %s",
                    [*values.values(), self.job.pk],
                )
        except DatabaseError:
            logger.warning("Progress of %s %s not written", meta.label, self.job.pk, exc_info=True)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


def claim(model: type[J], *, job_id: int, reset: dict[str, Any] | None = None) -> J | None:
    """Take job `job_id` for this worker: queued, or running past STALE_AFTER. It becomes RUNNING,
    started now, with its progress, step and `reset` fields back at the start. Locks the row, so of
    two deliveries at once one claims it and the other gets None (also when it is done or gone)."""
    now = timezone.now()
    with transaction.atomic():
        job = model.objects.claimable(now).select_for_update().filter(pk=job_id).first()
        if job is None:
            return None
        values = {"status": RUNNING, "started_at": now, "progress": 0, "step": "", **(reset or {})}
        model.objects.filter(pk=job.pk).update(**values)
    for name, value in values.items():
        setattr(job, name, value)
    return job


def run_job(
    model: type[J],
    *,
    job_id: int,
    work: Callable[[J, Progress], dict[str, Any] | None],
    unexpected: str,
    explain: Callable[[DomainError], str] = lambda exc: exc.message,
    reset: dict[str, Any] | None = None,
) -> J | None:
    """Claim job `job_id` (see `claim`), run `work(job, progress)` and record how it ended; the job,
    or None when there was nothing to claim (already run, running elsewhere, or gone).

    `work` returns the fields to save with DONE (its results). It fails the job by raising JobFailed
    (its message as is, its fields saved too) or another DomainError (the message `explain` gives);
    anything else is logged and the job fails with `unexpected`. Writes only the job's row; `work`
    keeps its own writes all-or-nothing in its own transactions."""
    job = claim(model, job_id=job_id, reset=reset)
    if job is None:
        return None
    progress = Progress(job)
    try:
        results = work(job, progress) or {}
    except JobFailed as exc:
        return _finish(job, FAILED, error_message=exc.message, **exc.fields)
    except DomainError as exc:
        return _finish(job, FAILED, error_message=explain(exc))
    except Exception:
        logger.exception("%s %s failed in %s", model.__name__, job.pk, active_schema_name())
        return _finish(job, FAILED, error_message=unexpected)
    finally:
        progress.close()
    return _finish(job, DONE, **{"progress": 100, "step": "", **results})


def _finish(job: J, status: str, **fields: Any) -> J:
    values = {"status": status, **fields, "finished_at": timezone.now()}
    type(job).objects.filter(pk=job.pk).update(**values)
    for name, value in values.items():
        setattr(job, name, value)
    return job
