"""Requests a minute per API key (or member session), by the workspace's tier
(billing.tiers.API_REQUESTS_PER_MINUTE), counted in Redis by django-ratelimit's fixed windows, the
same counters as batchtrack/ratelimits.py. Every answer says where the caller stands
(RateLimit-Limit, -Remaining, -Reset), and a refused one how long to wait (Retry-After). When Redis
is unreachable the count fails open (RATELIMIT_FAIL_OPEN), like every other limit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from billing.policy import effective_tier
from billing.tiers import API_REQUESTS_PER_MINUTE

WINDOW = "m"


@dataclass(frozen=True)
class RateState:
    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    exceeded: bool

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def count_request(request, rate_key: str) -> RateState | None:
    """Count this request for `rate_key`; None when the tier has no API or Redis can't count."""
    per_minute = API_REQUESTS_PER_MINUTE.get(effective_tier(request.tenant).key)
    if per_minute is None:
        return None
    usage = get_usage(
        request,
        group=f"api@{request.tenant.schema_name}",
        key=lambda _group, _request: rate_key,
        rate=f"{per_minute}/{WINDOW}",
        method=ALL,
        increment=True,
    )
    if usage is None:
        return None
    # The window covers its last whole second: the next one starts a second later.
    reset = max(usage["time_left"], 0) + 1
    return RateState(
        limit=per_minute,
        remaining=max(per_minute - usage["count"], 0),
        reset=reset,
        exceeded=usage["should_limit"],
    )
