"""Background work of the staff console."""

from __future__ import annotations

import logging

from batchtrack.celery import app

logger = logging.getLogger("staff.tasks")


@app.task
def build_workspace_export(job_id: int) -> None:
    """Build an "export everything" ZIP in the workspace's schema (idempotent through the job)."""
    from staff.services.export import run_full_export

    run_full_export(job_id=job_id)


@app.task
def purge_deleted_workspaces() -> int:
    """Daily, in the public schema: purge each workspace whose grace period is over. One failing
    purge is logged and retried the next day; it never stops the others."""
    from staff.services.lifecycle import due_deletions, purge_workspace

    purged = 0
    for deletion in due_deletions():
        try:
            purge_workspace(deletion=deletion)
            purged += 1
        except Exception:
            logger.exception("Purge of workspace #%s failed", deletion.organization_number)
    return purged
