"""The database backend: django-tenants' PostgreSQL backend with the search path set inside every
transaction, so it stays right behind PgBouncer's transaction pooling and costs no round trip.

django-tenants sends a session-level `SET search_path` as a statement of its own before each cursor.
Behind a transaction-pooling PgBouncer that is unsafe (the SET and the next statement may run on two
different server connections, and the SET stays behind on a connection another workspace gets next),
and on a direct connection it doubles the round trips. Here the SET travels in front of the statement
it is for, in the same message:

- the first statement of a Django transaction goes out as `BEGIN;SET LOCAL search_path = ...;<sql>`
  (psycopg2 runs in autocommit mode and sends no BEGIN of its own), and later statements of that
  transaction go out bare unless the schema changed or a savepoint rollback undid the SET;
- a statement outside a transaction goes out as `SET LOCAL search_path = ...;<sql>`, which PostgreSQL
  runs as one implicit transaction.

`SET LOCAL` ends with its transaction, so a server connection never keeps a workspace's path for the
next client. COMMIT and ROLLBACK are sent only when a transaction is open. Server-side cursors are off
(they outlive transactions, which a pooler cannot follow); `.iterator()` reads in chunks client-side.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.backends.utils import debug_transaction
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantsDatabaseWrapper
from django_tenants.utils import quote_schema_name
from psycopg2 import extensions

_IDLE = extensions.TRANSACTION_STATUS_IDLE
_INTRANS = extensions.TRANSACTION_STATUS_INTRANS
# Statements PostgreSQL refuses inside a transaction block; a prefix would put them in one. None of
# them reads a workspace's tables, so they go out bare.
_OUTSIDE_TRANSACTIONS = ("DATABASE", "VACUUM", "CONCURRENTLY", "ALTER SYSTEM", "TABLESPACE")


class TenantConnection(extensions.connection):
    """psycopg2's connection with what the cursors need to know about the search path."""

    path_sql = ""  # "SET LOCAL search_path = ...;" for the active schema
    begin_next = False  # Django's autocommit is off: the next statement opens the transaction
    path_in_transaction: str | None = None  # the path SET LOCAL gave the open transaction
    round_trips = 0  # every message that waits for the server: statements, COMMIT, ROLLBACK


class TenantCursor(extensions.cursor):
    """psycopg2's cursor putting the search path (and BEGIN) in front of the statement it is for."""

    sent_prefix = ""

    def _prefix(self, query: Any) -> str:
        conn = self.connection
        status = conn.info.transaction_status
        if status == _IDLE:
            if conn.begin_next:
                conn.path_in_transaction = conn.path_sql
                return "BEGIN;" + conn.path_sql
            text = query if isinstance(query, str) else str(query)
            if any(word in text[:80].upper() for word in _OUTSIDE_TRANSACTIONS):
                return ""
            # Also right when psycopg2 itself is about to send BEGIN (raw use with autocommit off).
            conn.path_in_transaction = conn.path_sql
            return conn.path_sql
        if status == _INTRANS and conn.path_in_transaction != conn.path_sql:
            conn.path_in_transaction = conn.path_sql
            return conn.path_sql
        return ""  # a failed transaction refuses everything until its rollback anyway

    def execute(self, query, vars=None):
        self.connection.round_trips += 1
        prefix = self._prefix(query)
        self.sent_prefix = prefix
        if prefix:
            if vars is not None and "%" in prefix:
                prefix = prefix.replace("%", "%%")
            if isinstance(query, bytes):
                query = prefix.encode() + query
            elif isinstance(query, str):
                query = prefix + query
            else:  # a psycopg2.sql.Composable
                query = prefix + query.as_string(self)
        return super().execute(query, vars)

    def executemany(self, query, vars_list):
        if self.connection.info.transaction_status == _IDLE and not self.connection.begin_next:
            for vars in vars_list:  # each runs as its own implicit transaction, path included
                self.execute(query, vars)
            return None
        prefix = self._prefix(query)
        if prefix:
            self.connection.round_trips += 1
            super().execute(prefix)
        self.connection.round_trips += 1
        return super().executemany(query, vars_list)


class DatabaseOperations(PostgresOperations):
    def last_executed_query(self, cursor, sql, params):
        text = super().last_executed_query(cursor, sql, params)
        prefix = getattr(cursor, "sent_prefix", "")
        if text is not None and prefix and text.startswith(prefix):
            return text[len(prefix) :]
        return text


class DatabaseWrapper(TenantsDatabaseWrapper):
    ops_class = DatabaseOperations
    # Read by bench/_common.py's round-trip counter: BEGIN costs no round trip of its own here.
    begin_travels_with_first_statement = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._path_sql: str | None = None
        super().__init__(*args, **kwargs)

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["connection_factory"] = TenantConnection
        params["cursor_factory"] = TenantCursor
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> TenantConnection:
        conn = super().get_new_connection(conn_params)
        conn.autocommit = True  # BEGIN travels with a transaction's first statement (above)
        return conn

    def set_tenant(self, tenant: Any, include_public: bool = True) -> None:
        super().set_tenant(tenant, include_public)
        self._path_sql = None

    def _cursor(self, name: str | None = None):
        # Django's cursor, without django-tenants' separate SET: the cursor carries the path.
        cursor = BaseDatabaseWrapper._cursor(self, None)
        self._publish_path()
        return cursor

    def _publish_path(self) -> None:
        if self._path_sql is None:
            if not self.schema_name:
                raise ImproperlyConfigured(
                    "Database schema not set. Did you forget to call set_schema() or set_tenant()?"
                )
            paths = ",".join(quote_schema_name(s) for s in self._get_cursor_search_paths())
            self._path_sql = f"SET LOCAL search_path = {paths};"
        self.connection.path_sql = self._path_sql

    def chunked_cursor(self):
        return self._cursor()  # no server-side cursors (see the module docstring)

    def _set_autocommit(self, autocommit: bool) -> None:
        self.connection.begin_next = not autocommit

    def _end_transaction(self, sql: str) -> None:
        conn = self.connection
        if conn is None or conn.info.transaction_status == _IDLE:
            return  # nothing was sent since BEGIN would have been: nothing to end
        with debug_transaction(self, sql), self.wrap_database_errors:
            conn.round_trips += 1
            with conn.cursor(cursor_factory=extensions.cursor) as cursor:
                cursor.execute(sql)

    def _commit(self) -> None:
        self._end_transaction("COMMIT")

    def _rollback(self) -> None:
        self._end_transaction("ROLLBACK")

    def savepoint_rollback(self, sid: str) -> None:
        try:
            super().savepoint_rollback(sid)
        finally:
            # ROLLBACK TO SAVEPOINT undoes a SET LOCAL sent after the savepoint: send it again.
            if self.connection is not None:
                self.connection.path_in_transaction = None
