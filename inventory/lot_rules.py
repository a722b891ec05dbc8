"""Which lots production may use: one definition, built both as an ORM filter (pages, selectors, cost
estimates) and as SQL (the hand-written FIFO scan), so the two can never disagree.

A lot is usable at a moment when it has not expired (no expiry, or it expires later) and is not curing
(no hold, or the hold has ended). Remaining quantity is the caller's filter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Q


def usable_lots_q(now: datetime, prefix: str = "") -> Q:
    """Lots usable at `now` as a Q; `prefix` reaches the lots from another model ("lots__" from Item)."""
    return (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now})) & (
        Q(**{f"{prefix}hold_until__isnull": True}) | Q(**{f"{prefix}hold_until__lte": now})
    )


def usable_lots_sql(now: datetime) -> tuple[str, list[Any]]:
    """The same rule as SQL over the lot table's columns, with its parameters."""
    sql, count = _compiled_usable_sql()
    return sql, [now] * count


@cache
def _compiled_usable_sql() -> tuple[str, int]:
    """Compile `usable_lots_q` once (the SQL's shape never changes; only `now` does)."""
    from inventory.models import Lot

    probe = datetime(2000, 1, 1, tzinfo=UTC)
    query = Lot.objects.filter(usable_lots_q(probe)).query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(query.where)
    assert all(param == probe for param in params), "the usable-lot rule takes only `now`"
    return sql, len(params)


def unusable_lots_q(now: datetime) -> Q:
    """The complement of `usable_lots_q` (expired, or still curing), for saying why stock is held."""
    return Q(expires_at__lte=now) | Q(hold_until__gt=now)
