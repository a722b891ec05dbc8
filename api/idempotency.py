"""`Idempotency-Key` on every API POST that writes: the first successful answer is stored
(StoredResponse, one table per workspace schema) and a retry with the same key and the same body
gets that answer back, status and body, without writing again. The same key with a different
method, path or body is refused (422). Failures are not stored: a retry after "not enough stock"
may succeed once stock has arrived.

Two identical requests at once write once: each takes a transaction-scoped advisory lock on the
schema and key before it looks for a stored answer, so the second waits for the first to commit and
then finds its answer. The handler runs inside that transaction; the services' own
`transaction.atomic()` become savepoints and their `on_commit` side effects fire once it commits."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable

from django.db import connection, transaction
from rest_framework.request import Request
from rest_framework.response import Response

from api.models import StoredResponse
from api.problems import Problem

REPLAYED_HEADER = "Idempotent-Replayed"


def request_fingerprint(request: Request) -> str:
    """A hash of what the request asks for: method, path and body (keys sorted)."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _lock(key: str) -> None:
    """Serialise requests carrying the same key in this workspace until the transaction ends."""
    name = f"api-idempotency:{connection.schema_name}:{key}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [name])


def _replay(stored: StoredResponse, fingerprint: str) -> Response:
    if stored.fingerprint != fingerprint:
        raise Problem(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request. "
            "Send a new key for a new request.",
            field="Idempotency-Key",
        )
    response = Response(stored.body, status=stored.status_code)
    response[REPLAYED_HEADER] = "true"
    return response


def idempotent(handler: Callable) -> Callable:
    """Wrap an ApiView's `post` so an `Idempotency-Key` header makes it replay-safe."""

    @functools.wraps(handler)
    def wrapper(view, request: Request, *args, **kwargs) -> Response:
        key = view.idempotency_key()
        if key is None:
            return handler(view, request, *args, **kwargs)
        fingerprint = request_fingerprint(request)
        with transaction.atomic():
            _lock(key)
            stored = StoredResponse.objects.filter(key=key).first()
            if stored is not None:
                return _replay(stored, fingerprint)
            response = handler(view, request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                StoredResponse.objects.create(
                    key=key,
                    fingerprint=fingerprint,
                    status_code=response.status_code,
                    body=response.data,
                )
            return response

    return wrapper
