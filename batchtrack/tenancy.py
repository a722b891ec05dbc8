"""The workspace schema the database connection is in, typed.

django-tenants replaces Django's database wrapper with one that carries `schema_name` and `tenant`;
Django's stubs only know the plain wrapper, so code that needs either asks here.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from django.db import connection


class _TenantConnection(Protocol):
    schema_name: str
    # The Organization the middleware activated, or django-tenants' stand-in (schema name only)
    # under `schema_context` and in Celery tasks.
    tenant: Any


def active_schema_name() -> str:
    """The schema name of the workspace whose schema is active (`public` outside one)."""
    return cast(_TenantConnection, connection).schema_name


def active_tenant() -> Any:
    """`connection.tenant`: the active Organization or django-tenants' stand-in for it."""
    return cast(_TenantConnection, connection).tenant
