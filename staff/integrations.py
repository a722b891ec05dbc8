"""Integration checks for the staff page: what is configured and whether it answers, never a secret.

Each check returns a Check: a name, a state ("ok", "warning", "off" or "failing") and a sentence.
Keys and passwords are reported as set or not set only.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

import requests
import stripe
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import Count, Max, Min
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from outbox.models import OutboxMessage, PeriodicRun
from tenants.models import Organization

OK, WARNING, OFF, FAILING = "ok", "warning", "off", "failing"
# Hourly jobs run in every active workspace; anything older means beat or the workers stopped.
SEEN_RECENTLY = timedelta(minutes=75)
SCHEMAS_PER_QUERY = 200
# Live calls to Stripe and Google answer a staff page: a few seconds at most.
LIVE_TIMEOUT = 5.0
GOOGLE_DISCOVERY = "https://accounts.google.com/.well-known/openid-configuration"


@dataclass(frozen=True)
class Check:
    name: str
    state: str
    detail: str


def email_check() -> Check:
    backend = settings.EMAIL_BACKEND.rsplit(".", 1)[-1]
    if "smtp" not in settings.EMAIL_BACKEND.lower():
        return Check("Email", WARNING, f"{backend}: emails are not delivered to anyone.")
    return Check(
        "Email",
        OK,
        f"SMTP via {settings.EMAIL_HOST}:{settings.EMAIL_PORT}, "
        f"user {'set' if settings.EMAIL_HOST_USER else 'not set'}, "
        f"password {'set' if settings.EMAIL_HOST_PASSWORD else 'not set'}.",
    )


def send_test_email(to: str) -> Check:
    try:
        send_mail(
            "BatchTrack test email",
            "This is a test from the staff integration checks. Nothing to do.",
            None,
            [to],
        )
    except Exception as exc:  # any transport failure is the answer this check gives
        return Check("Test email", FAILING, f"Sending failed: {exc.__class__.__name__}.")
    return Check("Test email", OK, f"Sent to {to}.")


def stripe_check() -> Check:
    from djstripe.models import WebhookEndpoint, WebhookEventTrigger

    from billing import stripe_api

    if not stripe_api.is_configured():
        return Check("Stripe", OFF, "No secret key: only the Free plan is offered.")
    mode = "live" if stripe_api.livemode() else "test"
    endpoints = WebhookEndpoint.objects.filter(livemode=stripe_api.livemode()).count()
    last = WebhookEventTrigger.objects.aggregate(at=Max("created"))["at"]
    state = OK if endpoints else WARNING
    seen = f"last webhook {last:%Y-%m-%d %H:%M} UTC" if last else "no webhook received yet"
    answer = _stripe_answers()
    if answer is not None:
        state = FAILING
    return Check(
        "Stripe",
        state,
        f"Secret key set ({mode} mode); {answer or 'Stripe accepts it'}; "
        f"{endpoints} webhook endpoint(s); {seen}.",
    )


def _stripe_answers() -> str | None:
    """None when Stripe accepts the key (a live GET /v1/account), else what went wrong in words
    that name no key: Stripe's error type and HTTP status, or the connection failure's class."""
    from billing import stripe_api

    try:
        stripe_api.retrieve_account(timeout=LIVE_TIMEOUT)
    except stripe.AuthenticationError:
        return "Stripe refuses the key"
    except stripe.StripeError as exc:
        status = f" (HTTP {exc.http_status})" if exc.http_status else ""
        return f"Stripe did not answer the check: {exc.__class__.__name__}{status}"
    return None


def google_check() -> Check:
    if not settings.GOOGLE_CLIENT_ID:
        return Check("Google sign-in", OFF, "Not configured: the Google button is hidden.")
    secret = "set" if settings.GOOGLE_CLIENT_SECRET else "missing"
    reached = _google_answers()
    ok = bool(settings.GOOGLE_CLIENT_SECRET) and reached.startswith("Google answers")
    return Check("Google sign-in", OK if ok else FAILING, f"Client secret {secret}; {reached}.")


def _google_answers() -> str:
    """Fetch Google's OpenID configuration (what sign-in uses to find its endpoints) and say,
    in plain words, whether it came back in time and well formed."""
    started = time.monotonic()
    try:
        response = requests.get(GOOGLE_DISCOVERY, timeout=LIVE_TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as exc:
        return f"Google's sign-in configuration could not be fetched ({exc.__class__.__name__})"
    try:
        document = response.json()
    except ValueError:
        return "Google's sign-in configuration is not valid JSON"
    if not isinstance(document, dict) or "authorization_endpoint" not in document:
        return "Google's sign-in configuration has no authorization endpoint"
    elapsed = round((time.monotonic() - started) * 1000)
    return f"Google answers ({elapsed} ms)"


def storage_check() -> Check:
    """Write and remove a small file where workspace files go (batchtrack/storage.py)."""
    backend = settings.STORAGES["default"]["BACKEND"]
    where = "S3-compatible storage" if backend.endswith("S3Storage") else "the media folder"
    try:
        saved = default_storage.save(f"write-checks/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(saved)
    except Exception as exc:  # any failure of the store is what this check reports
        return Check(
            "File storage", FAILING, f"Cannot write to {where} ({exc.__class__.__name__})."
        )
    return Check("File storage", OK, f"Workspace files go to {where}: writable.")


def redis_check() -> Check:
    cache = caches["global"]
    key = f"staff:check:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        return Check("Redis", FAILING, "Redis does not answer: caching and the queue are degraded.")
    cache.delete(key)
    return Check("Redis", OK, "Answers.")


def celery_check(now=None) -> list[Check]:
    """Beat and workers seen recently, from what periodic jobs recorded (outbox.periodic)."""
    now = now or timezone.now()
    seen = PeriodicRun.objects.aggregate(sent=Max("last_sent_at"), done=Max("last_success_at"))
    checks = []
    for name, at, what in (
        ("Celery beat", seen["sent"], "sent a periodic job"),
        ("Celery workers", seen["done"], "finished a periodic job"),
    ):
        if at is None:
            checks.append(Check(name, WARNING, f"Never {what}."))
        else:
            state = OK if now - at <= SEEN_RECENTLY else FAILING
            checks.append(Check(name, state, f"Last {what} at {at:%Y-%m-%d %H:%M} UTC."))
    return checks


def outbox_check() -> Check:
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True).aggregate(
        n=Count("id"), oldest=Min("created_at")
    )
    if not waiting["n"]:
        return Check("Outbox", OK, "Nothing waiting.")
    return Check(
        "Outbox",
        WARNING,
        f"{waiting['n']} task(s) waiting to be queued, oldest since "
        f"{waiting['oldest']:%Y-%m-%d %H:%M} UTC.",
    )


def _latest_migrations() -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = {a.rsplit(".", 1)[-1] for a in settings.TENANT_APPS if a not in settings.SHARED_APPS}
    return sorted(f"{app}.{name}" for app, name in loader.graph.leaf_nodes() if app in labels)


def pending_migration_count() -> tuple[int, int]:
    """(workspaces missing a workspace-app migration, workspaces checked): one query per 200."""
    latest = _latest_migrations()
    schemas = list(
        Organization.objects.exclude(schema_name=get_public_schema_name()).values_list(
            "schema_name", flat=True
        )
    )
    behind = 0
    for start in range(0, len(schemas), SCHEMAS_PER_QUERY):
        chunk = schemas[start : start + SCHEMAS_PER_QUERY]
        parts = [
            f"SELECT count(*) FROM {connection.ops.quote_name(s)}.django_migrations "
            "WHERE app || '.' || name = ANY(%s)"
            for s in chunk
        ]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), [latest] * len(chunk))
            behind += sum(1 for (applied,) in cursor.fetchall() if applied < len(latest))
    return behind, len(schemas)


def migrations_check() -> Check:
    behind, total = pending_migration_count()
    state = OK if not behind else FAILING
    return Check("Migrations", state, f"{behind} of {total} workspace(s) have migrations pending.")


def all_checks() -> list[Check]:
    return [
        email_check(),
        stripe_check(),
        google_check(),
        storage_check(),
        redis_check(),
        *celery_check(),
        outbox_check(),
        migrations_check(),
    ]
