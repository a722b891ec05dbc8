"""Celery tasks: the periodic jobs (scheduled in settings.CELERY_BEAT_SCHEDULE, fanned out to every
active workspace by tenants.scheduler.WorkspaceScheduler) and the emails they queue.

Each periodic task runs in the schema it was sent to and does nothing in the public schema or in a
suspended workspace. `now` (ISO 8601) is for tests and replays; by default it is the time of the run.
"""

from __future__ import annotations

import logging
from datetime import datetime
from smtplib import SMTPException

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tenants.utils import get_public_schema_name

from batchtrack.celery import app
from notifications import services
from notifications.zones import current_organization

logger = logging.getLogger("notifications")

# A mail server that refuses or drops the connection: try again later (the send is idempotent).
_MAIL_ERRORS = (SMTPException, OSError)


def _workspace_now(task: str, now: str | None) -> datetime | None:
    """The instant to judge by, or None when this schema is not an active workspace."""
    if connection.schema_name == get_public_schema_name():
        logger.warning("%s runs per workspace; skipped in the public schema.", task)
        return None
    if current_organization().is_suspended:
        logger.info("%s skipped: workspace %s is suspended.", task, connection.schema_name)
        return None
    if now is None:
        return timezone.now()
    moment = parse_datetime(now)
    if moment is None or timezone.is_naive(moment):
        raise ValueError(f"now must be an ISO 8601 time with its offset, not {now!r}")
    return moment


def _summary(result: services.SyncResult) -> dict:
    return {"raised": len(result.raised), "resolved": result.resolved, "notified": result.notified}


@app.task
def scan_low_stock(now: str | None = None) -> dict | None:
    moment = _workspace_now("scan_low_stock", now)
    return _summary(services.scan_low_stock(now=moment)) if moment else None


@app.task
def scan_expiring_lots(now: str | None = None) -> dict | None:
    moment = _workspace_now("scan_expiring_lots", now)
    return _summary(services.scan_expiring_lots(now=moment)) if moment else None


@app.task
def scan_expired_lots(now: str | None = None) -> dict | None:
    moment = _workspace_now("scan_expired_lots", now)
    return _summary(services.scan_expired_lots(now=moment)) if moment else None


@app.task
def scan_due_timers(now: str | None = None) -> dict | None:
    moment = _workspace_now("scan_due_timers", now)
    return _summary(services.scan_due_timers(now=moment)) if moment else None


@app.task
def audit_ledger(now: str | None = None) -> dict | None:
    moment = _workspace_now("audit_ledger", now)
    return _summary(services.audit_ledger(now=moment)) if moment else None


@app.task
def dispatch_digests(now: str | None = None) -> dict | None:
    moment = _workspace_now("dispatch_digests", now)
    if moment is None:
        return None
    return {"digests": len(services.dispatch_digests(now=moment))}


@app.task(autoretry_for=_MAIL_ERRORS, retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_digest(digest_id: int) -> bool:
    return services.deliver_digest(digest_id=digest_id)


@app.task(autoretry_for=_MAIL_ERRORS, retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def email_staff_about_drift(alert_ids: list[int]) -> int:
    return services.email_staff_about_drift(alert_ids=alert_ids)
