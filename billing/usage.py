"""How much of each limit a workspace uses, for the billing page.

Each app registers a counter for the limits it owns, from its AppConfig.ready():

    from billing.usage import register_counter
    register_counter("items", lambda organization: Item.objects.count())

A counter runs with the organization's schema already active (the billing page is a workspace
request). Services enforcing a limit pass their own count to `billing.gates.check_limit`; these
counters only report. A limit with no counter shows as unknown rather than zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from billing.tiers import LIMITS, Tier, require_limit_key

Counter = Callable[[object], int]
_COUNTERS: dict[str, Counter] = {}


def register_counter(limit: str, counter: Counter) -> None:
    _COUNTERS[require_limit_key(limit)] = counter


@dataclass(frozen=True)
class Usage:
    limit: str
    label: str
    used: int | None
    allowed: int | None

    @property
    def over(self) -> bool:
        return self.used is not None and self.allowed is not None and self.used > self.allowed

    @property
    def percent(self) -> int | None:
        if self.used is None or not self.allowed:
            return None
        return min(100, round(100 * self.used / self.allowed))


def usage_for(organization, tier: Tier) -> list[Usage]:
    rows = []
    for limit, (_singular, plural) in LIMITS.items():
        counter = _COUNTERS.get(limit)
        used = counter(organization) if counter else None
        rows.append(Usage(limit, plural.capitalize(), used, tier.limit(limit)))
    return rows
