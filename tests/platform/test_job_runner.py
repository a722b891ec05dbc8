"""The one background-job runner (batchtrack.jobs): claim once under a lock, retry a stale job,
progress on the row where the page sees it (even from inside the work's own transaction), done or
failed in plain words. SampleDataJob stands in for every job model: they share the base."""

from __future__ import annotations

import importlib
import logging
import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from batchtrack.errors import DomainError
from batchtrack.jobs import STALE_AFTER, JobFailed, run_job
from reports.models import ImportJob
from tests.concurrency import committed_acme, run_concurrently  # noqa: F401 - fixture
from workspace.models import SampleDataJob

UNEXPECTED = "Something went wrong; try again."


@pytest.fixture
def acme(org_a):
    with tenant_context(org_a):
        yield org_a


@pytest.fixture
def committed_jobs(committed_acme):  # noqa: F811 - the fixture imported above
    yield committed_acme
    SampleDataJob.objects.all().delete()  # the workspace's job table is not emptied for us


def _row(job) -> dict:
    return SampleDataJob.objects.filter(pk=job.pk).values().get()


def test_a_queued_job_runs_with_progress_on_its_row_and_ends_done(acme):
    job = SampleDataJob.objects.create(requested_by_id=7)
    seen = []

    def work(running, progress):
        progress(40, step="Adding stock (1 of 2)")
        seen.append({k: _row(job)[k] for k in ("status", "progress", "step")})

    done = run_job(SampleDataJob, job_id=job.pk, work=work, unexpected=UNEXPECTED)

    assert seen == [{"status": "running", "progress": 40, "step": "Adding stock (1 of 2)"}]
    row = _row(job)
    assert (row["status"], row["progress"], row["step"], row["error_message"]) == (
        "done",
        100,
        "",
        "",
    )
    assert row["started_at"] <= row["finished_at"]
    assert (done.status, done.progress, done.finished_at) == ("done", 100, row["finished_at"])


def test_a_job_runs_once(acme):
    job = SampleDataJob.objects.create()
    calls = []
    work = lambda running, progress: calls.append(running.pk)  # noqa: E731
    assert run_job(SampleDataJob, job_id=job.pk, work=work, unexpected=UNEXPECTED).status == "done"
    before = _row(job)
    assert run_job(SampleDataJob, job_id=job.pk, work=work, unexpected=UNEXPECTED) is None
    assert run_job(SampleDataJob, job_id=job.pk + 1000, work=work, unexpected=UNEXPECTED) is None
    assert (calls, _row(job)) == ([job.pk], before)


@pytest.mark.parametrize(
    ("started_minutes_ago", "claimed"),
    [(STALE_AFTER.total_seconds() / 60 - 1, False), (STALE_AFTER.total_seconds() / 60 + 1, True)],
)
def test_a_running_job_is_claimed_again_only_once_stale(acme, started_minutes_ago, claimed):
    started = timezone.now() - timedelta(minutes=started_minutes_ago)
    job = SampleDataJob.objects.create(status="running", started_at=started, progress=60)
    # "Active" (a new request waits for it) and "claimable" (a worker may take it) never overlap.
    now = timezone.now()
    assert SampleDataJob.objects.active(now).filter(pk=job.pk).exists() is not claimed
    assert SampleDataJob.objects.claimable(now).filter(pk=job.pk).exists() is claimed

    result = run_job(SampleDataJob, job_id=job.pk, work=lambda *_: None, unexpected=UNEXPECTED)

    row = _row(job)
    if claimed:
        assert (result.status, row["status"], row["progress"]) == ("done", "done", 100)
        assert row["started_at"] > started
    else:
        assert result is None
        assert (row["status"], row["progress"], row["started_at"]) == ("running", 60, started)


def _raise(exc):
    def work(running, progress):
        progress(30, step="Halfway")
        raise exc

    return work


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (
            JobFailed("Adding stock stopped: no room.", step="Adding stock"),
            "Adding stock stopped: no room.",
        ),
        (DomainError("Your plan allows 50 items."), "Explained: Your plan allows 50 items."),
        (RuntimeError("boom"), UNEXPECTED),
    ],
)
def test_a_failure_ends_the_job_failed_in_plain_words(acme, caplog, exc, message):
    job = SampleDataJob.objects.create()
    with caplog.at_level(logging.ERROR, logger="batchtrack.jobs"):
        failed = run_job(
            SampleDataJob,
            job_id=job.pk,
            work=_raise(exc),
            unexpected=UNEXPECTED,
            explain=lambda error: f"Explained: {error.message}",
        )
    row = _row(job)
    step = "Adding stock" if isinstance(exc, JobFailed) else "Halfway"
    assert (row["status"], row["error_message"], row["progress"], row["step"]) == (
        "failed",
        message,
        30,
        step,
    )
    assert row["finished_at"] is not None
    assert (failed.status, failed.error_message) == ("failed", message)
    # Only an unexpected error is logged (with its traceback); the others are the maker's to fix.
    assert [r.exc_info[0] for r in caplog.records] == (
        [RuntimeError] if isinstance(exc, RuntimeError) else []
    )
    assert SampleDataJob.objects.count() == 1


def test_progress_from_inside_the_works_transaction_is_seen_before_it_commits(committed_jobs):
    job = SampleDataJob.objects.create()
    seen = []

    def work(running, progress):
        with transaction.atomic():
            progress(55, step="Importing rows")
            # Another connection (the page polling) reads the row while this transaction is open.
            seen.extend(
                run_concurrently(
                    committed_jobs,
                    [lambda: SampleDataJob.objects.values_list("progress", "step").get(pk=job.pk)],
                )
            )

    run_job(SampleDataJob, job_id=job.pk, work=work, unexpected=UNEXPECTED)

    assert seen == [(55, "Importing rows")]
    assert (_row(job)["status"], _row(job)["progress"]) == ("done", 100)


def test_two_deliveries_at_once_run_the_job_once(committed_jobs):
    job = SampleDataJob.objects.create()
    ran = []
    lock = threading.Lock()

    def work(running, progress):
        with lock:
            ran.append(running.pk)
        time.sleep(0.2)  # still running when the other delivery looks

    results = run_concurrently(
        committed_jobs,
        [
            lambda: run_job(SampleDataJob, job_id=job.pk, work=work, unexpected=UNEXPECTED)
            for _ in range(2)
        ],
    )

    assert ran == [job.pk]
    assert sorted(str(getattr(r, "status", r)) for r in results) == ["None", "done"]
    assert _row(job)["status"] == "done"


def test_the_migration_moves_import_progress_from_the_cache_onto_the_rows(acme):
    migration = importlib.import_module("reports.migrations.0003_one_job_model")
    from django.apps import apps

    done = ImportJob.objects.create(original_name="a.csv", status="done")
    running = ImportJob.objects.create(original_name="b.csv", status="running")
    lost = ImportJob.objects.create(original_name="c.csv", status="running")
    failed = ImportJob.objects.create(original_name="d.csv", status="failed")
    cache.set(f"reports:import-progress:{running.pk}", 45)

    migration.progress_onto_rows(apps, None)

    progress = dict(ImportJob.objects.values_list("pk", "progress"))
    assert [progress[job.pk] for job in (done, running, lost, failed)] == [100, 45, 0, 0]
