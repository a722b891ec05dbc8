"""The test suite's database backend: the app's (batchtrack/db_backend) whose flush (run after every
transactional test) deletes the rows tests left instead of truncating every table (tests/emptying.py).

Content types and permissions are left alone: they are the same in every test, and post_migrate, which
runs after each flush, would otherwise rebuild them from nothing every time.
"""

from __future__ import annotations

from batchtrack.db_backend.base import DatabaseOperations as PostgresOperations
from batchtrack.db_backend.base import DatabaseWrapper as TenantsDatabaseWrapper
from tests.emptying import empty_tables_sql

KEPT = {"django_content_type", "auth_permission"}


class DatabaseOperations(PostgresOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:  # nothing in the suite asks for it; keep Django's way when one does
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        emptied = [table for table in tables if table not in KEPT]
        return [empty_tables_sql(emptied)] if emptied else []


class DatabaseWrapper(TenantsDatabaseWrapper):
    ops_class = DatabaseOperations
