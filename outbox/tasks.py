"""Periodic: send the outbox's waiting messages (beat runs it in the public schema every minute)."""

from __future__ import annotations

from dataclasses import asdict

from batchtrack.celery import app


@app.task
def flush_outbox() -> dict:
    from outbox.services import flush_outbox as flush

    return asdict(flush())
