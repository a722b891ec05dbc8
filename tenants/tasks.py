"""Celery tasks: the emails tenants' services and allauth queue through the outbox."""

from __future__ import annotations

from smtplib import SMTPException

from batchtrack.celery import app

# A mail server that refuses or drops the connection: try again later.
_MAIL_ERRORS = (SMTPException, OSError)


@app.task(autoretry_for=_MAIL_ERRORS, retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_invitation(invitation_id: int, seed: str, public_base: str) -> bool:
    from tenants.services.memberships import send_invitation as send

    return send(invitation_id=invitation_id, seed=seed, public_base=public_base)


@app.task(autoretry_for=_MAIL_ERRORS, retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_account_email(sealed: str) -> int:
    """An email allauth rendered in a request (tenants/mail.py), sent after that request committed."""
    from tenants.mail import send_sealed

    return send_sealed(sealed)


@app.task
def refill_spare_schemas() -> int:
    """Keep SPARE_SCHEMAS workspace schemas built ahead of sign-ups (tenants/services/spare_schemas.py)."""
    from tenants.services.spare_schemas import refill

    return refill()
