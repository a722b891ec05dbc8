"""Old files go: export files a week after they were made (the job shows Expired), import files a
month after the import was over. The job rows stay, and the daily task runs in each workspace."""

from __future__ import annotations

import os
from datetime import timedelta

from django.utils import timezone

from reports import tasks
from reports.models import ExportJob, ImportJob, JobStatus
from reports.services import preview_import
from reports.services.retention import EXPORT_RETENTION, IMPORT_RETENTION, purge_old_files
from tests.conftest import make_member, page_text, workspace_client
from tests.inventory.factories import ItemFactory, stock
from tests.reports.helpers import export_now
from tests.reports.import_files import csv_upload


def test_export_files_expire_after_a_week_and_the_job_says_so(acme):
    stock(ItemFactory(name="Wax"), "5", "1")
    old, fresh = export_now("items", "csv"), export_now("items", "csv")
    old_path, fresh_path = old.file.path, fresh.file.path
    now = timezone.now()
    ExportJob.objects.filter(pk=old.pk).update(
        finished_at=now - EXPORT_RETENTION - timedelta(hours=1)
    )

    assert purge_old_files(now=now) == {"exports": 1, "imports": 0}

    old.refresh_from_db()
    assert (old.status, old.file.name) == (JobStatus.EXPIRED, "")
    assert not os.path.exists(old_path) and os.path.exists(fresh_path)
    assert purge_old_files(now=now) == {"exports": 0, "imports": 0}  # nothing left to do

    client = workspace_client(make_member(acme, "owner"), acme)
    page = page_text(client.get(f"/reports/exports/job/{old.pk}/"))
    assert "Export files are removed a week after they are made." in page
    assert client.get(f"/reports/exports/job/{old.pk}/download/").status_code == 404
    assert client.get(f"/reports/exports/job/{fresh.pk}/download/").status_code == 200


def test_import_files_go_a_month_after_the_import_and_the_report_stays(acme):
    rows = [["Olive oil", "ingredient", "g", "", "", "", "", "", "", "", "", ""]]
    job = preview_import(
        organization=acme, upload=csv_upload(rows), requested_by_id=None, zone_name="UTC"
    )
    path = job.file.path
    now = timezone.now()
    assert purge_old_files(now=now + IMPORT_RETENTION + timedelta(days=1)) == {
        "exports": 0,
        "imports": 0,
    }, "a previewed import that is ready to run keeps its file"
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)

    assert purge_old_files(now=now + IMPORT_RETENTION - timedelta(days=1))["imports"] == 0
    assert purge_old_files(now=now + IMPORT_RETENTION + timedelta(days=1))["imports"] == 1

    job.refresh_from_db()
    assert job.file.name == "" and not os.path.exists(path)
    assert job.report and job.row_count == 1


def test_the_daily_task_purges_in_the_workspace_it_runs_in(acme):
    stock(ItemFactory(name="Wax"), "5", "1")
    job = export_now("items", "csv")
    later = timezone.now() + EXPORT_RETENTION + timedelta(days=1)
    assert tasks.purge_old_files.delay(now=later.isoformat()).get() == {"exports": 1, "imports": 0}
    assert ExportJob.objects.get(pk=job.pk).status == JobStatus.EXPIRED
