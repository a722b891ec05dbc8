"""Batch timers: start, pause (the clock really stops), resume, complete.

A timer keeps the time it has run in `accumulated`; while running, `running_since` says since when.
Elapsed = accumulated + (now - running_since), so a paused timer's elapsed time stands still.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from batches.errors import InvalidTimer
from batches.models import Batch, BatchTimer

MAX_DURATION = timedelta(days=366)
TIMER_STATUSES = (Batch.Status.PLANNED, Batch.Status.IN_PROGRESS, Batch.Status.FINISHED)


def start_timer(
    *, batch: Batch | int, name: str, duration: timedelta, actor_id: int | None = None
) -> BatchTimer:
    """Start a countdown on a batch (planned, running, or finished and curing). Raises InvalidTimer."""
    name = " ".join((name or "").split())
    if not name:
        raise InvalidTimer('Name the timer, for example "Gel phase".', field="name")
    if len(name) > 80:
        raise InvalidTimer("A timer name is at most 80 characters.", field="name")
    if not isinstance(duration, timedelta) or duration <= timedelta(0):
        raise InvalidTimer("A timer must run for more than zero minutes.", field="duration")
    if duration > MAX_DURATION:
        raise InvalidTimer("A timer can run for at most a year.", field="duration")
    pk = batch.pk if isinstance(batch, Batch) else batch
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=pk)
        if locked.status not in TIMER_STATUSES:
            raise InvalidTimer(
                f"Batch {locked.display_code} is {locked.get_status_display().lower()}; "
                "timers are for batches that are planned, running or curing.",
                field="batch",
            )
        now = timezone.now()
        return BatchTimer.objects.create(
            batch=locked,
            name=name,
            duration=duration,
            status=BatchTimer.Status.RUNNING,
            running_since=now,
            started_at=now,
            created_by_id=actor_id,
        )


def _lock(timer: BatchTimer | int) -> BatchTimer:
    pk = timer.pk if isinstance(timer, BatchTimer) else timer
    return BatchTimer.objects.select_for_update().get(pk=pk)


def pause_timer(*, timer: BatchTimer | int) -> BatchTimer:
    """Stop the clock: the time run so far is banked and nothing more accrues until resumed."""
    with transaction.atomic():
        locked = _lock(timer)
        if locked.status != BatchTimer.Status.RUNNING:
            raise InvalidTimer(f"{locked.name} isn't running, so it can't be paused.")
        now = timezone.now()
        locked.accumulated = locked.elapsed(now)
        locked.running_since = None
        locked.status = BatchTimer.Status.PAUSED
        locked.save(update_fields=["accumulated", "running_since", "status"])
    return locked


def resume_timer(*, timer: BatchTimer | int) -> BatchTimer:
    with transaction.atomic():
        locked = _lock(timer)
        if locked.status != BatchTimer.Status.PAUSED:
            raise InvalidTimer(f"{locked.name} isn't paused, so it can't be resumed.")
        locked.running_since = timezone.now()
        locked.status = BatchTimer.Status.RUNNING
        locked.save(update_fields=["running_since", "status"])
    return locked


def complete_timer(*, timer: BatchTimer | int) -> BatchTimer:
    """Mark a timer done (early or late); its elapsed time is kept for the batch record."""
    with transaction.atomic():
        locked = _lock(timer)
        if locked.status == BatchTimer.Status.COMPLETED:
            raise InvalidTimer(f"{locked.name} is already complete.")
        now = timezone.now()
        locked.accumulated = locked.elapsed(now)
        locked.running_since = None
        locked.status = BatchTimer.Status.COMPLETED
        locked.completed_at = now
        locked.save(update_fields=["accumulated", "running_since", "status", "completed_at"])
    return locked
