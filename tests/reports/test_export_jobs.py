"""Export jobs: queued -> running -> done | failed, progress written as rows are produced, polling."""

from __future__ import annotations

import os

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outbox.models import OutboxMessage
from reports.models import ExportJob, JobStatus
from reports.services import request_export, run_export
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import ItemFactory, stock


def test_request_records_a_queued_job_and_its_task(acme):
    owner = make_member(acme, "owner")
    job = request_export(
        kind="items", fmt="csv", params={}, requested_by_id=owner.pk, zone_name="Europe/Paris"
    )
    job.refresh_from_db()
    assert (job.status, job.progress, job.row_count, job.file.name) == ("queued", 0, 0, "")
    assert job.params == {"tz": "Europe/Paris"}
    assert job.requested_by_id == owner.pk
    message = OutboxMessage.objects.get(task_name="reports.tasks.run_export_task")
    assert (message.args, message.schema_name) == ([job.pk], "acme")


def test_run_moves_the_job_to_done_with_progress_and_rows(acme):
    for n in range(40):
        stock(ItemFactory(name=f"Item {n:02d}"), "5", "1")
    job = request_export(kind="items", fmt="xlsx", params={}, requested_by_id=None, zone_name="UTC")
    with CaptureQueriesContext(connection) as queries:
        run_export(job_id=job.pk)
    updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('UPDATE "reports_exportjob" SET "progress"')
    ]
    # 40 rows, progress every 40 // 20 = 2 rows, capped at 99 until the file is stored.
    assert len(updates) == 20
    job.refresh_from_db()
    assert (job.status, job.progress, job.row_count, job.error_message) == ("done", 100, 40, "")
    assert job.started_at is not None and job.finished_at >= job.started_at
    path = job.file.path
    assert path.startswith(os.path.join(settings.MEDIA_ROOT, "acme", "exports") + os.sep)
    assert os.path.basename(path).startswith(f"items-{job.pk}-") and path.endswith(".xlsx")


def test_a_job_runs_once(acme):
    stock(ItemFactory(name="Wax"), "5", "1")
    job = request_export(kind="items", fmt="csv", params={}, requested_by_id=None, zone_name="UTC")
    assert run_export(job_id=job.pk).status == JobStatus.DONE
    first_file = ExportJob.objects.get(pk=job.pk).file.name
    assert run_export(job_id=job.pk) is None
    assert ExportJob.objects.get(pk=job.pk).file.name == first_file


def test_a_job_whose_subject_is_gone_fails_with_a_message(acme):
    job = request_export(
        kind="recall", fmt="csv", params={"lot_id": 999999}, requested_by_id=None, zone_name="UTC"
    )
    run_export(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error_message == "What this export was about no longer exists in the workspace."
    assert job.file.name == "" and job.finished_at is not None


def test_export_runs_through_the_task_after_commit(acme, django_capture_on_commit_callbacks):
    stock(ItemFactory(name="Wax"), "5", "1")
    with django_capture_on_commit_callbacks(execute=True):
        job = request_export(
            kind="items", fmt="csv", params={}, requested_by_id=None, zone_name="UTC"
        )
    job.refresh_from_db()
    assert (job.status, job.row_count) == ("done", 1)
    assert OutboxMessage.objects.get(args=[job.pk]).sent_at is not None


def test_page_polls_until_done_then_offers_the_download(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    with in_workspace(pro_a):
        stock(ItemFactory(name="Wax"), "5", "1")
        job = request_export(
            kind="items", fmt="csv", params={}, requested_by_id=owner.pk, zone_name="UTC"
        )
    client = workspace_client(owner, pro_a)
    url = f"/reports/exports/job/{job.pk}/"
    waiting = client.get(url, HTTP_HX_REQUEST="true")
    assert waiting.status_code == 200
    text = page_text(waiting)
    assert 'hx-trigger="every 1s"' in text and "Waiting to start" in text
    assert "<html" not in text  # htmx gets the partial only
    with in_workspace(pro_a):
        ExportJob.objects.filter(pk=job.pk).update(status="running", progress=45, row_count=9)
    running = page_text(client.get(url, HTTP_HX_REQUEST="true"))
    assert 'hx-trigger="every 1s"' in running and "45%" in running and "9 rows so far" in running
    with in_workspace(pro_a):
        ExportJob.objects.filter(pk=job.pk).update(status="queued", progress=0)
        run_export(job_id=job.pk)
    done = page_text(client.get(url, HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in done
    assert f'href="/reports/exports/job/{job.pk}/download/"' in done
    full = page_text(client.get(url))
    assert "<html" in full and "Export " + str(job.pk) in full and owner.email in full


def test_failed_job_page_says_why(pro_a, in_workspace):
    owner = make_member(pro_a, "owner")
    with in_workspace(pro_a):
        job = request_export(
            kind="recall", fmt="csv", params={"lot_id": 1}, requested_by_id=None, zone_name="UTC"
        )
        run_export(job_id=job.pk)
    text = page_text(workspace_client(owner, pro_a).get(f"/reports/exports/job/{job.pk}/"))
    assert "This export failed." in text
    assert "no longer exists in the workspace" in text
    assert "hx-trigger" not in text


def test_a_job_stuck_running_is_claimed_again_after_a_while(acme):
    from datetime import timedelta

    from django.utils import timezone

    stock(ItemFactory(name="Wax"), "5", "1")
    job = request_export(kind="items", fmt="csv", params={}, requested_by_id=None, zone_name="UTC")
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", started_at=timezone.now() - timedelta(minutes=5), progress=40
    )
    assert run_export(job_id=job.pk) is None  # its worker may still be on it
    ExportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(minutes=31))
    assert run_export(job_id=job.pk).status == JobStatus.DONE


def _queries_for_items_export(count: int) -> int:
    for n in range(count):
        item = ItemFactory(name=f"Batch {count} item {n:02d}")
        stock(item, "5", "1")
        stock(item, "3", "2")
    job = request_export(kind="items", fmt="csv", params={}, requested_by_id=None, zone_name="UTC")
    with CaptureQueriesContext(connection) as queries:
        run_export(job_id=job.pk)
    return len(queries.captured_queries)


def test_export_queries_do_not_grow_with_rows(acme):
    # Progress writes grow in steps (at most 20); reads stay constant: no query per item or lot.
    small = _queries_for_items_export(20)
    large = _queries_for_items_export(60)
    assert large == small
