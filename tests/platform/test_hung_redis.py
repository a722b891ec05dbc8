"""A hung Redis (SIGSTOP: a frozen process or a black-holed network) or a killed one (SIGKILL):
pages, a receive, an export and a sign-in answer at once, the queued work runs once afterwards,
failed sign-ins stay limited, a missed nightly job runs once, and the log says so once.

One redis-server serves the whole module (starting one per test would cost more than the tests);
each test gets it running and empty, on the caches and the broker, and freezes or kills it itself.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from batchtrack import redis_circuit
from batchtrack.celery import app
from batchtrack.redis_circuit import circuit_for_url
from outbox.models import OutboxMessage, PeriodicRun
from outbox.services import flush_outbox
from tests.conftest import PASSWORD, make_member, public_client, workspace_client
from tests.platform.broker import queued, run_queued
from tests.platform.conftest import PrivateRedis, everything_on
from tests.reports.conftest import on_tier

# "Within a second": one Redis timeout (REDIS_TIMEOUT, 0.3 s) plus the page's own work, with room
# for a loaded machine. Before the circuit, a sign-in took 20 s and an export never answered.
WITHIN = 2.0
LOGIN = "/accounts/login/"


@pytest.fixture(scope="module")
def module_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.close()


@pytest.fixture
def outage(settings, module_redis):
    """The module's Redis, running and empty, under the caches and the broker for the test."""
    if module_redis.process is None:
        module_redis.start()  # a previous test killed it
    else:
        module_redis.thaw()  # a previous test froze it: what it was sent meanwhile runs now
    module_redis.client().flushall()
    with everything_on(settings, module_redis):
        yield module_redis
    module_redis.thaw()


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def test_pages_answer_at_once(org_a, owner_a, outage):
    # (With Redis killed, see test_resilience.py: a refused connection fails at once anyway.)
    outage.freeze()
    workspace = workspace_client(owner_a, org_a)
    for client, path in [(public_client(), LOGIN), (workspace, "/"), (workspace, "/inventory/")]:
        response, seconds = timed(lambda c=client, p=path: c.get(p))
        assert (path, response.status_code) == (path, 200)
        assert seconds < WITHIN, (path, seconds)


@pytest.mark.parametrize("how", ["freeze", "kill"])
def test_sign_in_answers_at_once(org_a, outage, how):
    make_member(org_a, "owner", email="maker@example.com")
    getattr(outage, how)()
    response, seconds = timed(
        lambda: public_client().post(LOGIN, {"login": "maker@example.com", "password": PASSWORD})
    )
    assert (response.status_code, response["Location"]) == (302, "/workspaces/")
    assert seconds < WITHIN
    # The first cache call waited once; every one after it skipped the hung server.
    assert circuit_for_url(outage.url).is_open


def test_failed_sign_ins_stay_limited_and_answer_at_once(org_a, outage):
    make_member(org_a, "owner", email="maker@example.com")
    outage.freeze()
    client = public_client()
    attempts = [
        timed(lambda n=n: client.post(LOGIN, {"login": "maker@example.com", "password": f"x{n}"}))
        for n in range(6)
    ]
    assert [response.status_code for response, _ in attempts] == [200] * 5 + [429]
    assert max(seconds for _, seconds in attempts) < WITHIN


def test_a_receive_commits_at_once(org_a, owner_a, in_workspace, outage):
    from inventory.models import Lot
    from inventory.services import create_item

    with in_workspace(org_a):
        wax = create_item(organization=org_a, name="Beeswax", stock_unit="kg")
    outage.freeze()
    client = workspace_client(owner_a, org_a)
    response, seconds = timed(
        lambda: client.post(
            f"/inventory/items/{wax.pk}/receive/",
            {"quantity": "500", "unit": "g", "unit_cost": "1"},
        )
    )
    assert (response.status_code, response["Location"]) == (302, f"/inventory/items/{wax.pk}/")
    assert seconds < WITHIN
    with in_workspace(org_a):
        assert Lot.objects.get(item=wax).quantity_remaining == Decimal("0.5")


@pytest.mark.parametrize("how", ["freeze", "kill"])
def test_an_export_starts_at_once_and_runs_once_when_redis_is_back(
    org_a, owner_a, in_workspace, outage, django_capture_on_commit_callbacks, how
):
    from reports.models import ExportJob

    on_tier(org_a, "pro")
    client = workspace_client(owner_a, org_a)
    getattr(outage, how)()

    def start_export():
        # The request and its commit hooks, as a request in production runs them.
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/reports/exports/items/", {"items-format": "csv"})

    response, seconds = timed(start_export)
    assert response.status_code == 302
    assert seconds < WITHIN
    # The job is committed; its task fell back to the outbox.
    assert OutboxMessage.objects.get().sent_at is None
    outage.thaw() if how == "freeze" else outage.start()

    assert flush_outbox().sent == 1
    assert [m["task"] for m in queued(outage)] == ["reports.tasks.run_export_task"]
    run_queued(outage)
    with in_workspace(org_a):
        job = ExportJob.objects.get()
        assert (job.status, job.progress) == ("done", 100)
        job.file.delete(save=False)
    assert flush_outbox().sent == 0
    assert queued(outage) == []


def test_one_warning_when_redis_hangs_and_one_when_it_is_back(
    org_a, owner_a, outage, caplog, monkeypatch
):
    monkeypatch.setattr(redis_circuit, "OPEN_FOR", 0.2)  # a retry now and then within the test
    make_member(org_a, "owner", email="maker@example.com")
    caplog.set_level(logging.INFO)
    outage.freeze()
    for n in range(2):  # with a retry of the hung server in between
        public_client().post(LOGIN, {"login": "maker@example.com", "password": f"x{n}"})
        time.sleep(0.2)
    outage.thaw(forget_outage=False)
    time.sleep(0.2)
    public_client().post(LOGIN, {"login": "maker@example.com", "password": PASSWORD})

    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in warnings] == ["batchtrack.redis", "batchtrack.redis"]
    down, back = (r.getMessage() for r in warnings)
    assert down.startswith(f"Redis at 127.0.0.1:{outage.port} is unavailable (TimeoutError)")
    assert back.startswith(f"Redis at 127.0.0.1:{outage.port} is available again after")
    assert " call(s) failed or were skipped." in back
    assert not [r for r in caplog.records if r.exc_info]  # no traceback anywhere


def test_a_nightly_run_missed_during_an_outage_runs_once_afterwards(org_a, org_b, outage):
    from tenants.scheduler import WorkspaceScheduler

    scheduler = WorkspaceScheduler(app=app, lazy=True)
    scheduler.merge_inplace(app.conf.beat_schedule)
    entry = scheduler.schedule["ledger-audit@__all_tenants_only__"]  # nightly at 02:45
    producer = scheduler.producer  # beat's connection, made while Redis answered
    workspaces = scheduler.schemas_for(entry)
    assert {"acme", "globex"} <= set(workspaces)
    # It ran last night everywhere.
    last_night = datetime(2031, 1, 14, 2, 45, 3, tzinfo=UTC)
    for schema in workspaces:
        PeriodicRun.objects.create(
            task_name=entry.task, schema_name=schema, last_sent_at=last_night
        )
    # Tonight at 02:45 Redis hangs: beat's send fails at once and nothing is recorded.
    outage.freeze()
    _, seconds = timed(lambda: scheduler.apply_entry(entry, producer=producer))
    assert seconds < WITHIN
    assert not PeriodicRun.objects.filter(last_sent_at__gt=last_night).exists()
    outage.thaw()

    # At 09:00 beat reaches the broker again: the run is sent once to each workspace.
    morning = datetime(2031, 1, 15, 9, 0, tzinfo=UTC)
    assert scheduler.catch_up(now=morning) == len(workspaces)
    assert scheduler.catch_up(now=morning) == 0
    messages = queued(outage)
    assert {m["task"] for m in messages} == {"notifications.tasks.audit_ledger"}
    assert Counter(m["schema"] for m in messages) == dict.fromkeys(workspaces, 1)
    # The worker runs them; each records its success.
    run_queued(outage)
    assert set(
        PeriodicRun.objects.filter(task_name=entry.task, last_success_at__isnull=False).values_list(
            "schema_name", flat=True
        )
    ) == set(workspaces)
