"""Several small reads answered by one database round trip."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet


def one_row(
    *,
    exists: dict[str, QuerySet] | None = None,
    counts: dict[str, QuerySet] | None = None,
    scalars: dict[str, QuerySet] | None = None,
) -> dict:
    """`SELECT EXISTS(q1), (SELECT COUNT(*) FROM (q2)), (q3), ...` in one statement: a dict of
    booleans for `exists`, of row counts for `counts` and of single values (or None) for `scalars`
    (querysets of one column, sliced to one row).

    The querysets compile against the active schema like any ORM read; only their SQL is combined.
    """
    exists, counts, scalars = exists or {}, counts or {}, scalars or {}
    columns: list[str] = []
    params: list = []
    for queryset in exists.values():
        sql, query_params = queryset.order_by().values("pk")[:1].query.sql_with_params()
        columns.append(f"EXISTS({sql})")
        params.extend(query_params)
    for queryset in counts.values():
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        columns.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params.extend(query_params)
    for queryset in scalars.values():
        sql, query_params = queryset.query.sql_with_params()
        columns.append(f"({sql})")
        params.extend(query_params)
    if not columns:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    names = [*exists, *counts, *scalars]
    values = dict(zip(names, row, strict=True))
    return {name: bool(values[name]) if name in exists else values[name] for name in names}
