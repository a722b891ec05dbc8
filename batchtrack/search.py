"""Typo-tolerant matching, written once for every search box (find anything, recall, the library).

A row matches a query when any of these holds, and is ranked by the first:
- pg_trgm word similarity of the query to a name (`%>`, which trigram GIN indexes serve): "olve oil"
  finds "Olive oil", "lavendr" finds "Lavender soap";
- every word of the query starts a word of the row, by full-text search with the 'simple'
  configuration (no English stemming of names): "coco bar" finds "Coconut soap bar";
- a code contains the query (batch SOAP-2026-3, product codes, suppliers' lot codes).
pg_trgm lives in the public schema (batchtrack.db), on every workspace's search_path. On a server
without it (the embedded development server) names match by containment instead, without typos.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import Exists, FloatField, Q, QuerySet, Value
from django.db.models.functions import Greatest

# Letters and digits only: each word becomes `word:*` in a tsquery, so nothing else may reach it.
_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8
# Shorter queries match too much to be worth a query.
MIN_LENGTH = 2


_trigrams: bool | None = None


def trigrams_available() -> bool:
    """Whether pg_trgm is installed (asked once per process: an extension comes with a migration,
    and a process started before one runs is restarted by the deploy)."""
    global _trigrams
    if _trigrams is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            _trigrams = bool(cursor.fetchone()[0])
    return _trigrams


def normalized(query: str) -> str:
    """The query with its spaces collapsed; "" when it is too short to search for."""
    text = " ".join((query or "").split())
    return text if len(text) >= MIN_LENGTH and _WORD.search(text) else ""


def prefix_query(query: str) -> SearchQuery:
    """Every word of `query` as a prefix (`olive:* & oil:*`), safe from tsquery syntax."""
    words = _WORD.findall(query.lower())[:MAX_WORDS]
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
    )


def matching(
    rows: QuerySet,
    query: str,
    *,
    similar: Sequence[str],
    words: Sequence[str] = (),
    codes: Sequence[str] = (),
    also: Q | Exists | None = None,
) -> QuerySet:
    """`rows` that match `query` (normalized first; none when it is too short), annotated with
    `score` (the best word similarity of the query to the `similar` fields, 0 to 1).

    `similar`: names matched with typos (give them trigram indexes); `words`: more text whose words
    match by prefix (e.g. a category); `codes`: codes matched by containment, ignoring case;
    `also`: any other condition that makes a row match (e.g. a related row's code). Order and slice the result yourself (by `-score`)."""
    query = normalized(query)
    if not query:
        return rows.none()
    condition = Q(search_text=prefix_query(query))
    trigrams = trigrams_available()
    for field in similar:
        lookup = "trigram_word_similar" if trigrams else "icontains"
        condition |= Q(**{f"{field}__{lookup}": query})
    for field in codes:
        condition |= Q(**{f"{field}__icontains": query})
    if also is not None:
        condition |= also
    scores = [TrigramWordSimilarity(Value(query), field) for field in similar]
    if not trigrams:
        score = Value(0.0, output_field=FloatField())
    elif len(scores) == 1:
        score = scores[0]
    else:
        score = Greatest(*scores)
    return rows.annotate(
        search_text=SearchVector(*similar, *words, config="simple"), score=score
    ).filter(condition)
