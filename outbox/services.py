"""Background work that survives a broker outage: the only writer of OutboxMessage.

`enqueue(task, *args, **kwargs)` records the task in the caller's transaction and sends it to the broker
once that transaction commits. When the broker (Redis) cannot be reached then, the row stays unsent and
`flush_outbox()` (a periodic task and the `flush_outbox` management command) sends it once Redis is
back. Nothing is lost, and nothing is sent for a transaction that rolls back.

Delivery is at least once: a task that reached the broker just before the database could mark it sent
goes out again with the next flush, so tasks sent through the outbox must be idempotent. A row is locked
(`SELECT ... FOR UPDATE SKIP LOCKED`) while it is being sent, so the commit hook and a flush never send
the same row at the same time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from celery import Task
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from batchtrack.celery import app
from batchtrack.redis_circuit import UNREACHABLE, circuit_for_url
from batchtrack.tenancy import active_schema_name
from outbox.models import OutboxMessage

logger = logging.getLogger("outbox")

BATCH_SIZE = 200
# A broker that cannot be reached: kombu's error, or redis-py's (and the circuit's) unwrapped.
_BROKER_ERRORS: tuple[type[BaseException], ...] = (OperationalError, *UNREACHABLE)
KEEP_SENT = timedelta(days=7)


@dataclass(frozen=True)
class FlushResult:
    sent: int
    waiting: int


def enqueue(task: Task | str, *args: Any, **kwargs: Any) -> OutboxMessage:
    """Record `task(*args, **kwargs)` to run in the active schema, and send it after commit.

    Call it inside the transaction of the change that needs the work. `task` is a registered Celery task
    or its name; arguments must be JSON values (ids, strings, numbers, lists, dicts). Raises LookupError
    for an unknown task and TypeError for arguments that are not JSON.
    """
    name = task if isinstance(task, str) else task.name
    if _registered_task(name) is None:
        raise LookupError(f"'{name}' is not a registered Celery task.")
    message = OutboxMessage.objects.create(
        task_name=name, args=list(args), kwargs=kwargs, schema_name=active_schema_name()
    )
    # Robust: the caller's change is committed whatever happens to the send; a failed send waits for
    # the next flush. In eager mode (tests, development) the "send" runs the task: let its errors show.
    transaction.on_commit(
        partial(_send_after_commit, message.pk), robust=not app.conf.task_always_eager
    )
    return message


def flush_outbox(*, batch_size: int = BATCH_SIZE) -> FlushResult:
    """Send every unsent message, oldest first, until none is left or the broker fails.

    Rows another process is sending are skipped. Also forgets messages sent more than KEEP_SENT ago.
    Returns how many were sent now and how many are still waiting.
    """
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True)
                .order_by("pk")[:batch_size]
            )
            delivered = _deliver(batch)
        sent += delivered
        if not batch or delivered < len(batch) or len(batch) < batch_size:
            break
    OutboxMessage.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    if sent or waiting:
        logger.info("Outbox flush: %s sent, %s waiting", sent, waiting)
    return FlushResult(sent=sent, waiting=waiting)


def _send_after_commit(pk: int) -> None:
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if message is not None:  # else a flush sent it already, or is sending it now
            _deliver([message])


def _deliver(messages: list[OutboxMessage]) -> int:
    """Send locked messages in order; mark each one sent. Stops at the first broker failure and
    records it on the rest. Returns how many were sent."""
    if not messages:
        return 0
    sent_pks: list[int] = []
    try:
        if app.conf.task_always_eager:
            for message in messages:
                _publish(message, broker=None)
                sent_pks.append(message.pk)
        else:
            with (
                circuit_for_url(app.conf.broker_url).attempt(_BROKER_ERRORS),
                app.connection_for_write() as broker,
            ):
                # Fail at once when Redis is down (the default retries for seconds); the flush
                # retries.
                broker.ensure_connection(max_retries=0)
                for message in messages:
                    _publish(message, broker=broker)
                    sent_pks.append(message.pk)
    except _BROKER_ERRORS as exc:
        # No warning here: the circuit logs the outage once, and the flush says what waits.
        failed = [m.pk for m in messages if m.pk not in sent_pks]
        logger.info("Outbox: %s message(s) wait for the broker: %s", len(failed), exc)
        OutboxMessage.objects.filter(pk__in=failed).update(
            attempts=F("attempts") + 1, last_error=str(exc)[:500]
        )
    OutboxMessage.objects.filter(pk__in=sent_pks).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return len(sent_pks)


def _registered_task(name: str) -> Task | None:
    if name not in app.tasks:
        # Outside a worker the apps' tasks modules are imported on demand (Celery's autodiscovery).
        app.loader.import_default_modules()
    return app.tasks.get(name)


def _publish(message: OutboxMessage, *, broker) -> None:
    # The schema travels in tenant-schemas-celery's header, so the task runs where it was enqueued.
    options: dict[str, Any] = {"headers": {"_schema_name": message.schema_name}}
    if broker is not None:
        options.update(connection=broker, retry=False)
    task = _registered_task(message.task_name)
    if task is not None:
        task.apply_async(message.args, message.kwargs, **options)
    else:  # a task only the workers know
        app.send_task(message.task_name, message.args, message.kwargs, **options)
