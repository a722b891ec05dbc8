"""Health checks for the load balancer: `/healthz` (liveness) and `/readyz` (readiness).

Answered by the first middleware, ahead of everything that could get in a probe's way: the HTTPS
redirect (a probe speaks plain http to the process), the host check (it asks by IP address, which is
in no ALLOWED_HOSTS), the workspace lookup by host, sessions and rate limits. Same answer on every
host, any method.

- `/healthz`: the process answers. Touches nothing else, so a database or Redis outage never makes
  the load balancer restart healthy web processes.
- `/readyz`: this process can serve: PostgreSQL answers and every migration is applied (503 when
  not, with a JSON body saying which). Redis is reported ("ok" or "unavailable") but never makes it
  503: pages work without Redis (the cache fails open, background work waits in the outbox).
"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse

from batchtrack.redis_circuit import UNREACHABLE

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"

# Migrations cannot come undone under a running process (new ones arrive with new code, in a new
# process), so once they are all applied this process stops loading the migration graph.
_migrated = False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == LIVENESS_PATH:
            return HttpResponse("ok", content_type="text/plain")
        if request.path_info == READINESS_PATH:
            return readiness()
        return self.get_response(request)


def readiness() -> JsonResponse:
    checks = {"database": _database(), "migrations": "unknown", "redis": _redis()}
    if checks["database"] == "ok":
        checks["migrations"] = _migrations()
    ready = checks["database"] == "ok" and checks["migrations"] == "ok"
    return JsonResponse({"ready": ready, **checks}, status=200 if ready else 503)


def _database() -> str:
    try:
        # The tables that matter (migrations, tenants) are in the public schema.
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return "ok"


def _migrations() -> str:
    global _migrated
    if not _migrated:
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            return "unknown"
        _migrated = not pending
    return "ok" if _migrated else "pending"


def _redis() -> str:
    from django_redis import get_redis_connection

    try:
        # Through the cache's client, so its circuit answers at once during an outage.
        get_redis_connection("default").ping()
    except UNREACHABLE:
        return "unavailable"
    return "ok"
