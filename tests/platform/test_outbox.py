"""The outbox keeps background work that could not be queued, across a real Redis outage.

The broker is our own Redis (see conftest); "reached the broker" means the message is in the Redis list
of Celery's default queue, with its task name, arguments and the schema it must run in.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from batchtrack.celery import app
from outbox.models import OutboxMessage
from outbox.services import enqueue, flush_outbox
from tenants.models import Membership
from tests.conftest import make_user
from tests.platform.broker import queued

SEEN: list[tuple[str, int]] = []


@app.task(name="tests.platform.remember_schema")
def remember_schema(value: int, note: str = "") -> None:
    SEEN.append((connection.schema_name, value))


def test_enqueued_task_reaches_the_broker_after_commit(
    org_a, in_workspace, redis_outage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), in_workspace(org_a):
        message = enqueue(remember_schema, 7)
        assert queued(redis_outage) == []  # not before the commit
    assert queued(redis_outage) == [
        {"task": "tests.platform.remember_schema", "schema": "acme", "args": [7], "kwargs": {}}
    ]
    message.refresh_from_db()
    assert message.sent_at is not None
    assert (message.attempts, message.last_error) == (1, "")


def test_rolled_back_work_is_never_sent(db, redis_outage, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(remember_schema, 1)
        raise RuntimeError("the change failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert queued(redis_outage) == []


def test_work_enqueued_while_redis_is_down_is_kept_and_sent_when_it_is_back(
    org_a, owner_a, in_workspace, redis_outage, django_capture_on_commit_callbacks
):
    redis_outage.stop()
    newcomer = make_user("newcomer@example.com")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Membership.objects.create(user=newcomer, organization=org_a, role="viewer")
        with in_workspace(org_a):
            enqueue("tests.platform.remember_schema", 42)
    # The change committed; the work waits in the outbox.
    assert Membership.objects.filter(user=newcomer, organization=org_a).exists()
    waiting = OutboxMessage.objects.get()
    assert (waiting.sent_at, waiting.attempts, waiting.schema_name) == (None, 1, "acme")
    assert "Connection refused" in waiting.last_error

    assert (flush_outbox().sent, OutboxMessage.objects.get().attempts) == (0, 2)
    redis_outage.start()
    result = flush_outbox()
    assert (result.sent, result.waiting) == (1, 0)
    assert queued(redis_outage) == [
        {"task": "tests.platform.remember_schema", "schema": "acme", "args": [42], "kwargs": {}}
    ]
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert waiting.attempts == 3


def test_flush_while_redis_is_still_down_sends_nothing_and_loses_nothing(db, redis_outage):
    redis_outage.stop()
    with transaction.atomic():
        enqueue(remember_schema, 1)
        enqueue(remember_schema, 2)
    result = flush_outbox()
    assert (result.sent, result.waiting) == (0, 2)
    assert list(OutboxMessage.objects.values_list("sent_at", "attempts")) == [(None, 1), (None, 1)]
    redis_outage.start()
    assert queued(redis_outage) == []


def test_flush_sends_in_order_and_never_twice(db, redis_outage):
    # The test's transaction never commits, so only the flush sends these.
    for value in (1, 2, 3):
        enqueue(remember_schema, value, note=f"n{value}")
    assert queued(redis_outage) == []
    assert (flush_outbox().sent, flush_outbox().sent) == (3, 0)
    assert [(m["args"], m["kwargs"]) for m in queued(redis_outage)] == [
        ([1], {"note": "n1"}),
        ([2], {"note": "n2"}),
        ([3], {"note": "n3"}),
    ]


def test_flush_outbox_command_reports_what_it_did(db, redis_outage, capsys):
    redis_outage.stop()
    enqueue(remember_schema, 5)
    call_command("flush_outbox")
    out, err = capsys.readouterr()
    assert out.strip() == "Sent 0 message(s); 1 still waiting."
    assert "still unreachable" in err
    redis_outage.start()
    call_command("flush_outbox")
    assert capsys.readouterr().out.strip() == "Sent 1 message(s); 0 still waiting."
    assert [m["args"] for m in queued(redis_outage)] == [[5]]


def test_in_eager_mode_the_task_runs_in_the_schema_it_was_enqueued_in(
    org_a, org_b, in_workspace, django_capture_on_commit_callbacks
):
    SEEN.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with in_workspace(org_a):
            enqueue(remember_schema, 1)
        with in_workspace(org_b):
            enqueue(remember_schema, 2)
    assert SEEN == [("acme", 1), ("globex", 2)]
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_flushed_work_runs_in_its_own_schema(org_a, in_workspace):
    SEEN.clear()
    with in_workspace(org_a):
        OutboxMessage.objects.create(
            task_name="tests.platform.remember_schema", args=[9], schema_name="acme"
        )
    assert connection.schema_name == "public"
    assert flush_outbox().sent == 1
    assert SEEN == [("acme", 9)]
    assert connection.schema_name == "public"


def test_unknown_task_is_refused_and_nothing_is_recorded(db):
    with pytest.raises(LookupError, match="not a registered Celery task"):
        enqueue("tests.platform.no_such_task", 1)
    assert not OutboxMessage.objects.exists()


def test_arguments_must_be_json(db):
    with pytest.raises(TypeError), transaction.atomic():
        enqueue(remember_schema, object())
    assert not OutboxMessage.objects.exists()


def test_beat_flushes_the_outbox_every_minute_in_the_public_schema(settings):
    from outbox.tasks import flush_outbox as task

    entry = settings.CELERY_BEAT_SCHEDULE["outbox-flush"]
    assert entry["task"] == task.name
    assert (entry["schedule"], entry["tenant_schemas"]) == (60, ["public"])


def test_beat_sends_the_flush_to_the_public_schema(db, redis_outage):
    from tenants.scheduler import WorkspaceScheduler

    scheduler = WorkspaceScheduler(app=app, lazy=True)
    scheduler.merge_inplace(app.conf.beat_schedule)
    # As beat's tick does: its own producer on the configured broker.
    scheduler.apply_entry(scheduler.schedule["outbox-flush@public"], producer=scheduler.producer)
    assert queued(redis_outage) == [
        {"task": "outbox.tasks.flush_outbox", "schema": "public", "args": [], "kwargs": {}}
    ]


def test_flush_task_sends_waiting_work(db, redis_outage):
    enqueue(remember_schema, 3)
    from outbox.tasks import flush_outbox as task

    assert task.apply().get() == {"sent": 1, "waiting": 0}
    assert [m["args"] for m in queued(redis_outage)] == [[3]]
