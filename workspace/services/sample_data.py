"""Loading the sample data into a workspace: the only writer of SampleDataJob.

`request_sample_data` records a job and queues its task in one transaction (through the outbox, so a
Redis outage delays the load instead of losing it). `run_sample_data` is the task's body: it claims the
job through batchtrack.jobs' runner, then runs every workspace app's demo seeder (`<app>/demo.py`,
`seed(organization=, owner=)`, the same ones `manage.py seed_demo` runs) in TENANT_APPS order, each in
its own transaction, writing the job's progress and step as it goes so the page can show it.

The seeders write only through their apps' services and are idempotent, so a failed load can simply be
run again: seeders that finished are skipped by their own checks, and the one that failed changed
nothing (its transaction rolled back).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from batchtrack.errors import DomainError
from batchtrack.jobs import JobFailed, Progress, run_job
from batchtrack.tenancy import active_tenant
from outbox.services import enqueue
from workspace.models import SampleDataJob

logger = logging.getLogger("workspace")

# What each app's seeder adds, as the progress line reads it ("Adding stock, recipes, ...").
STEP_LABELS = {
    "batches": "stock, recipes, batches and products",
    "notifications": "alerts for what needs attention",
}


@dataclass(frozen=True)
class Seeder:
    app: str
    label: str
    seed: Callable[..., None]


def seeders() -> list[Seeder]:
    """Every workspace app's demo seeder, in TENANT_APPS order."""
    found = []
    for app in settings.TENANT_APPS:
        label = app.rsplit(".", 1)[-1]
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        name = STEP_LABELS.get(label) or apps.get_app_config(label).verbose_name.lower()
        found.append(Seeder(label, name, module.seed))
    return found


def active_job() -> SampleDataJob | None:
    """The load that is queued or running (not stale), if any."""
    return SampleDataJob.objects.active(timezone.now()).order_by("-id").first()


def request_sample_data(*, requested_by_id: int | None) -> SampleDataJob:
    """Queue a sample-data load for the current workspace and return its job; while one is already
    queued or running, return that one instead of queueing a second."""
    from workspace.tasks import load_sample_data_task

    with transaction.atomic():
        # One load at a time per workspace: two clicks at once queue one job.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':sample'))")
        existing = active_job()
        if existing is not None:
            return existing
        job = SampleDataJob.objects.create(requested_by_id=requested_by_id)
        enqueue(load_sample_data_task, job.pk)
    return job


def _owner(job: SampleDataJob):
    from tenants.models import Membership, User

    organization = active_tenant()
    user = User.objects.filter(pk=job.requested_by_id).first() if job.requested_by_id else None
    if user is None:
        membership = (
            Membership.objects.filter(organization_id=organization.pk, role="owner")
            .select_related("user")
            .order_by("pk")
            .first()
        )
        user = membership.user if membership else None
    return organization, user


def run_sample_data(*, job_id: int) -> SampleDataJob | None:
    """Run a queued load (or one stuck running past STALE_AFTER) in the active workspace schema
    through batchtrack.jobs.run_job; None when there is nothing to claim (already run, running
    elsewhere, or gone)."""
    return run_job(
        SampleDataJob,
        job_id=job_id,
        work=_load,
        unexpected=(
            "Loading stopped on an unexpected error. Try again, and tell us if it happens again."
        ),
    )


def _load(job: SampleDataJob, progress: Progress) -> None:
    organization, owner = _owner(job)
    steps = seeders()
    for number, seeder in enumerate(steps, start=1):
        progress(
            round(100 * (number - 1) / len(steps)),
            step=f"Adding {seeder.label} ({number} of {len(steps)})",
        )
        try:
            with transaction.atomic():
                seeder.seed(organization=organization, owner=owner)
        except DomainError as exc:
            raise JobFailed(f"Adding {seeder.label} stopped: {exc.message}")
        except Exception:
            logger.exception("Sample data seeder %s failed (job %s)", seeder.app, job.pk)
            raise JobFailed(
                f"Adding {seeder.label} stopped on an unexpected error; nothing of that step was "
                "saved. Try again, and tell us if it happens again."
            )
