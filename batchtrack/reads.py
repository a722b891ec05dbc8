"""Several small reads answered by one database round trip.

`one_row` runs them; a `RowRead` is such a set of reads with what to make of their values, so that a
selector can run it alone (`run()`) or a page can fold several selectors' reads into one statement
(`run_together`) while each selector keeps its own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import QuerySet, Value

T = TypeVar("T")

_ROW = "_row"  # the constant a totals() query is "grouped" by: no GROUP BY, so exactly one row


def totals(queryset: QuerySet, **aggregates: Any) -> QuerySet:
    """`queryset.aggregate(**aggregates)` as a queryset of one row (not run), for `one_row(rows=)`:
    an aggregate without GROUP BY returns one row even over no rows (its sums then None)."""
    return queryset.order_by().annotate(**{_ROW: Value(1)}).values(_ROW).annotate(**aggregates)


def one_row(
    *,
    exists: dict[str, QuerySet] | None = None,
    counts: dict[str, QuerySet] | None = None,
    scalars: dict[str, QuerySet] | None = None,
    rows: dict[str, QuerySet] | None = None,
) -> dict:
    """`SELECT EXISTS(q1), (SELECT COUNT(*) FROM (q2)), (q3), r.a, r.b ... FROM (q4) r` in one
    statement: a dict of booleans for `exists`, of row counts for `counts`, of single values (or
    None) for `scalars` (querysets of one column, sliced to one row) and of {column: value} dicts for
    `rows` (querysets of exactly one row, as `totals` builds; each is read once however many columns
    it has).

    The querysets compile against the active schema like any ORM read; only their SQL is combined.
    """
    exists, counts, scalars, rows = exists or {}, counts or {}, scalars or {}, rows or {}
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
    sources: list[str] = []
    row_columns: dict[str, list[str]] = {}
    for index, (name, queryset) in enumerate(rows.items()):
        query = queryset.query
        names = [n for n in (*query.values_select, *query.annotation_select) if n != _ROW]
        row_columns[name] = names
        sql, query_params = query.sql_with_params()
        sources.append(f"({sql}) AS row_{index}")
        columns.extend(f'row_{index}."{column}"' for column in names)
        params.extend(query_params)
    if not columns:
        return {}
    statement = "SELECT " + ", ".join(columns)
    if sources:
        statement += " FROM " + " CROSS JOIN ".join(sources)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        values = list(cursor.fetchone())
    found: dict[str, Any] = {}
    for name in exists:
        found[name] = bool(values.pop(0))
    for name in (*counts, *scalars):
        found[name] = values.pop(0)
    for name, names in row_columns.items():
        found[name] = {column: values.pop(0) for column in names}
    return found


@dataclass(frozen=True)
class RowRead(Generic[T]):
    """One-row reads (as `one_row` takes them) and `make`, which turns their values into the result."""

    make: Callable[[dict], T]
    exists: dict[str, QuerySet] = field(default_factory=dict)
    counts: dict[str, QuerySet] = field(default_factory=dict)
    scalars: dict[str, QuerySet] = field(default_factory=dict)
    rows: dict[str, QuerySet] = field(default_factory=dict)

    def run(self) -> T:
        """The result, in one statement."""
        return self.make(
            one_row(exists=self.exists, counts=self.counts, scalars=self.scalars, rows=self.rows)
        )


def run_together(*reads: RowRead) -> tuple:
    """The results of several reads (in order), all in one statement."""
    parts: dict[str, dict[str, QuerySet]] = {"exists": {}, "counts": {}, "scalars": {}, "rows": {}}
    for index, read in enumerate(reads):
        for kind, into in parts.items():
            into.update({f"{index}:{name}": q for name, q in getattr(read, kind).items()})
    values = one_row(**parts)
    results = []
    for index, read in enumerate(reads):
        prefix = f"{index}:"
        results.append(
            read.make({k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix)})
        )
    return tuple(results)
