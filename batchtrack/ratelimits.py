"""Named rate limits, declared once: how many requests, counted per what, where.

A view takes a limit by name, `@rate_limited("exports")`; other code calls
`check_rate_limit(request, "exports")`. Counting is django-ratelimit's (`get_usage`, fixed windows in
Redis through the "global" cache alias, RATELIMIT_USE_CACHE). A rule with `per_workspace` puts the
workspace's schema into its counter's group, so each workspace counts on its own; the other rules count
across every host (one IP's sign-ups or invitations, wherever they come from). When Redis is unreachable the counters
fail open (RATELIMIT_FAIL_OPEN): the request goes through, unlimited, until Redis is back.

A limit that is exceeded raises RateLimitExceeded, which django-ratelimit's middleware turns into the
429 page (RATELIMIT_VIEW) with a Retry-After header: the seconds until the tripped window ends.

allauth keeps its own limits on sign-in, sign-up and password reset (ACCOUNT_RATE_LIMITS, per minute
and per address); the hourly per-IP limits here sit on top of them. Its sign-in lockout answers with
the same 429 page (TooManySignInAttempts), and unlike the others it holds while Redis is unavailable:
tenants/services/sign_in_limits.py counts those attempts in the database meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited


@dataclass(frozen=True)
class Rule:
    rate: str  # django-ratelimit's "<count>/<period>", e.g. "10/h", "5/15m"
    per: str  # "ip", or "user" (skipped for anonymous requests)
    per_workspace: bool = False


@dataclass(frozen=True)
class Limit:
    description: str
    rules: tuple[Rule, ...]
    methods: tuple[str, ...] = ("POST",)


LIMITS: dict[str, Limit] = {
    "signup": Limit("creating accounts", (Rule("10/h", "ip"),)),
    "password_reset": Limit("asking for password-reset emails", (Rule("10/h", "ip"),)),
    # Each invitation sends an email to an address of the sender's choosing.
    "invitations": Limit(
        "sending invitations", (Rule("20/h", "user", per_workspace=True), Rule("60/h", "ip"))
    ),
    # Opening and accepting invitation links (the token is the secret: slow down guessing).
    "invitation_links": Limit(
        "opening invitation links", (Rule("30/h", "ip"),), methods=("GET", "POST")
    ),
    # For the export views: decorate the view that starts an export.
    "exports": Limit("starting exports", (Rule("20/h", "user", per_workspace=True),)),
    # Each one calls Stripe's API (a Checkout or portal session) on our account's request quota.
    "billing_sessions": Limit(
        "opening Stripe checkout or the billing portal",
        (Rule("20/h", "user", per_workspace=True),),
    ),
    # The public site: each waitlist sign-up sends an email to an address of the sender's choosing.
    "waitlist": Limit("joining the waitlist", (Rule("5/h", "ip"),)),
    # The free calculators: generous for a maker trying numbers, a wall for a scraper.
    "tools": Limit("using the free calculators", (Rule("300/h", "ip"),)),
    "tool_drafts": Limit("saving calculator results as recipes", (Rule("30/h", "ip"),)),
}


def client_ip(request) -> str:
    """RATELIMIT_IP_META_KEY: the client's IP as allauth's limits see it, honouring
    TRUSTED_PROXY_COUNT (X-Forwarded-For) behind a proxy, REMOTE_ADDR otherwise."""
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request)


class RateLimitExceeded(Ratelimited):
    def __init__(self, limit_name: str, retry_after: int):
        self.limit_name = limit_name
        self.retry_after = retry_after
        super().__init__(
            f"Too many requests for {LIMITS[limit_name].description}; "
            f"try again in {describe_wait(retry_after)}."
        )


class TooManySignInAttempts(Ratelimited):
    """allauth's sign-in lockout (`login_failed`), answered with the same 429 page as every other
    limit rather than allauth's form error. `retry_after` is None when allauth counted (it does not
    say when its window frees up: the page then takes `allauth_retry_after`)."""

    def __init__(self, retry_after: int | None = None):
        self.retry_after = retry_after
        super().__init__("Too many sign-in attempts.")


class UnknownLimit(LookupError):
    pass


def rate_limited(name: str):
    """View decorator: count the request against limit `name`; 429 page when it is exceeded."""
    if name not in LIMITS:
        raise UnknownLimit(f"'{name}' is not a declared rate limit ({', '.join(LIMITS)})")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check_rate_limit(request, name)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check_rate_limit(request, name: str) -> None:
    """Count this request against limit `name`; raise RateLimitExceeded once over it."""
    limit = LIMITS.get(name)
    if limit is None:
        raise UnknownLimit(f"'{name}' is not a declared rate limit ({', '.join(LIMITS)})")
    waits = []
    for rule in limit.rules:
        if rule.per == "user" and not request.user.is_authenticated:
            continue
        group = f"batchtrack.{name}"
        if rule.per_workspace:
            group += f"@{request.tenant.schema_name}"
        usage = get_usage(
            request,
            group=group,
            key=rule.per,
            rate=rule.rate,
            method=list(limit.methods),
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            # The window covers its last whole second: the next one starts a second later.
            waits.append(max(usage["time_left"], 0) + 1)
    if waits:
        raise RateLimitExceeded(name, max(waits))


# allauth's own limits, by the URL they guard: for the Retry-After of its 429 page.
ALLAUTH_ACTIONS = {
    "account_login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
    "account_email": ("manage_email", "change_email"),
    "account_change_password": ("change_password",),
}
DEFAULT_RETRY_AFTER = 60


def allauth_retry_after(request) -> int:
    """allauth does not say which of its limits tripped or when it frees up; its windows slide, so the
    longest window among the limits on this URL is the most a person has to wait."""
    from allauth.core.internal.ratelimit import parse_rates

    match = getattr(request, "resolver_match", None)
    actions = ALLAUTH_ACTIONS.get(match.url_name if match else "", ())
    configured = getattr(settings, "ACCOUNT_RATE_LIMITS", None) or {}
    durations = [rate.duration for a in actions for rate in parse_rates(configured.get(a))]
    return int(max(durations)) if durations else DEFAULT_RETRY_AFTER


def describe_wait(seconds: int) -> str:
    """Plain words for a wait: "45 seconds", "3 minutes", "1 hour and 5 minutes"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, minutes = divmod(minutes, 60)
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    if minutes:
        text += f" and {minutes} minute{'s' if minutes != 1 else ''}"
    return text
