"""Sign-in attempts counted in the database while the cache is unavailable.

allauth limits sign-in attempts (ACCOUNT_RATE_LIMITS["login_failed"]: per IP and per address) with
counters in the cache; with Redis down or hung the cache fails open and nothing is counted, so any
number of passwords could be tried. While the cache's circuit is open (batchtrack/redis_circuit.py)
the same limits are counted here instead: allauth's own rates, counter names (`get_cache_key`) and
window rule (an attempt counts for the rate's duration; a successful sign-in takes its attempt back).
The only writer of SignInAttempt.

The counts start empty when the cache goes (the cache's counts cannot be read) and are not carried
back to it, so across an outage someone gets at most one window's allowance more, never unlimited.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from allauth.account import app_settings as allauth_account_settings
from allauth.core.internal.ratelimit import Rate, get_cache_key, parse_rates
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from batchtrack.ratelimits import TooManySignInAttempts
from batchtrack.redis_circuit import circuit_for_url
from tenants.models import SignInAttempt

ACTION = "login_failed"


def cache_unavailable() -> bool:
    """Whether allauth's counters (the default cache) are being skipped right now."""
    return circuit_for_url(settings.CACHES["default"]["LOCATION"]).is_open


def count_attempt(request, *, login_key: str, now: datetime | None = None) -> list[int]:
    """Count one sign-in attempt against each `login_failed` rate; the ids of the rows written.

    `login_key` is allauth's key for the address (its adapter's `_get_login_attempts_cache_key`).
    Locks each counter (a transaction-scoped advisory lock), so concurrent attempts count one by one.
    Raises TooManySignInAttempts, with the seconds until the fullest counter frees a slot, when a
    rate is used up; that attempt is not counted.
    """
    now = now or timezone.now()
    rates = parse_rates(allauth_account_settings.RATE_LIMITS.get(ACTION))
    counters = {_counter(request, rate, login_key): rate for rate in rates}
    longest = max((rate.duration for rate in rates), default=0)
    with transaction.atomic():
        for counter in sorted(counters):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [counter])
        waits = [_wait(counter, rate, now) for counter, rate in counters.items()]
        if any(wait > 0 for wait in waits):
            raise TooManySignInAttempts(retry_after=math.ceil(max(waits)))
        SignInAttempt.objects.filter(
            counter__in=counters, at__lte=now - timedelta(seconds=longest)
        ).delete()
        rows = SignInAttempt.objects.bulk_create(
            [SignInAttempt(counter=counter, at=now) for counter in counters]
        )
    return [row.pk for row in rows]


def take_back(attempt_ids: list[int]) -> None:
    """A successful sign-in does not count against the limits (as allauth rolls back its own)."""
    if attempt_ids:
        SignInAttempt.objects.filter(pk__in=attempt_ids).delete()


def _wait(counter: str, rate: Rate, now: datetime) -> float:
    """Seconds until `counter` may count another attempt under `rate`; 0 when it may now."""
    window = SignInAttempt.objects.filter(
        counter=counter, at__gt=now - timedelta(seconds=rate.duration)
    )
    if window.count() < rate.amount:
        return 0
    oldest = window.aggregate(oldest=Min("at"))["oldest"]
    return max((oldest + timedelta(seconds=rate.duration) - now).total_seconds(), 1)


def _counter(request, rate: Rate, login_key: str) -> str:
    name = get_cache_key(request, app="allauth.account", action=ACTION, rate=rate, key=login_key)
    return hashlib.sha256(name.encode()).hexdigest()
