"""Background work for the workspace UI; each task runs in the schema it was queued from."""

from __future__ import annotations

from batchtrack.celery import app


@app.task
def load_sample_data_task(job_id: int) -> None:
    """Load the sample data of a queued job (idempotent: a job that is not queued is left alone)."""
    from workspace.services.sample_data import run_sample_data

    run_sample_data(job_id=job_id)
