"""Workspaces behind PgBouncer in transaction pooling: no query ever runs under another workspace's
schema. The test starts its own PgBouncer (Debian's `pgbouncer` package; `.ci/run` installs it) on a
free port with a generated configuration, in front of the test database.

With one server connection in the pool, every client shares it, so a search path that outlives its
transaction would be seen by the next client at once. django-tenants' stock backend shows exactly that
(a session-level SET sent as its own statement); the app's backend sends the path inside each
transaction (batchtrack/db_backend) and never does.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django_tenants.postgresql_backend.base import DatabaseWrapper as StockTenantsWrapper
from psycopg2 import extensions

from batchtrack.local_pgbouncer import BINARY, running_pgbouncer
from tenants.services.provisioning import schema_name_for
from tests.conftest import WORKSPACES

SCHEMAS = [schema_name_for(slug) for slug in WORKSPACES]


@pytest.fixture
def _bare_connections():
    """The connections below are made by hand, under aliases Django's settings don't list;
    django.contrib.postgres would look each one up by its alias to register hstore's types (which
    nothing here uses), so its handler sits out while they connect."""
    from django.contrib.postgres.signals import register_type_handlers
    from django.db.backends.signals import connection_created

    connection_created.disconnect(register_type_handlers)
    yield
    connection_created.connect(register_type_handlers)


@pytest.fixture
def pgbouncer(transactional_db, _bare_connections):
    """A PgBouncer in transaction mode with one server connection, in front of the test database
    (batchtrack/local_pgbouncer.py); yields the settings dict of a Django connection through it."""
    if BINARY is None:
        pytest.skip("Debian's pgbouncer package is not installed (apt-get install pgbouncer)")
    settings_dict = connection.settings_dict
    with running_pgbouncer(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=int(settings_dict["PORT"] or 5432),
        user=settings_dict["USER"] or "postgres",
        password=settings_dict["PASSWORD"] or "",
    ) as port:
        yield {**settings_dict, "HOST": "127.0.0.1", "PORT": str(port), "CONN_MAX_AGE": 0}


def _through(pgbouncer: dict, alias: str, schema: str):
    """A connection of the app's backend through PgBouncer, in `schema`."""
    wrapper = type(connections["default"])(dict(pgbouncer), alias=alias)
    wrapper.set_schema(schema)
    return wrapper


def _schema_seen(wrapper) -> str:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return cursor.fetchone()[0]


def test_the_stock_backend_crosses_workspaces_in_transaction_pooling(pgbouncer):
    """The hazard this guards against, shown: django-tenants' own SET lands on the shared server
    connection, and the other workspace's next query runs under it."""
    first, second = (StockTenantsWrapper(dict(pgbouncer), alias=f"stock-{n}") for n in range(2))
    try:
        first.set_schema(SCHEMAS[0])
        second.set_schema(SCHEMAS[1])
        # Each cursor sends its SET alone: acme's, then globex's, on the one server connection.
        with first.cursor() as mine, second.cursor():
            mine.execute("SELECT current_schema()")
            assert mine.fetchone()[0] == SCHEMAS[1]  # acme's query ran in globex
    finally:
        first.close()
        second.close()


def test_the_app_backend_keeps_each_query_in_its_workspace(pgbouncer):
    first = _through(pgbouncer, "bouncer-0", SCHEMAS[0])
    second = _through(pgbouncer, "bouncer-1", SCHEMAS[1])
    try:
        with first.cursor() as mine, second.cursor() as theirs:
            theirs.execute("SELECT current_schema()")
            mine.execute("SELECT current_schema()")
            assert mine.fetchone()[0] == SCHEMAS[0]
            assert theirs.fetchone()[0] == SCHEMAS[1]
        # The server connection keeps nothing of the last transaction's path: a bare statement
        # (psycopg2's own cursor, no path in front) runs in the default schema.
        with first.connection.cursor(cursor_factory=extensions.cursor) as bare:
            bare.execute("SELECT current_schema()")
            assert bare.fetchone()[0] == "public"
        assert _schema_seen(first) == SCHEMAS[0]
    finally:
        first.close()
        second.close()


def _workspace_traffic(pgbouncer, index: int, rounds: int, seen: list, errors: list) -> None:
    """What requests do, by hand (`transaction.atomic` wants a configured alias): statements
    outside a transaction, a transaction, and now and then a savepoint rolled back inside it."""
    schema = SCHEMAS[index]
    wrapper = _through(pgbouncer, f"bouncer-{index}", schema)
    try:
        for n in range(rounds):
            seen.append((schema, _schema_seen(wrapper)))
            wrapper.set_autocommit(False)
            seen.append((schema, _schema_seen(wrapper)))
            if n % 3 == 0:
                savepoint = wrapper.savepoint()
                seen.append((schema, _schema_seen(wrapper)))
                wrapper.savepoint_rollback(savepoint)
            seen.append((schema, _schema_seen(wrapper)))
            wrapper.commit()
            wrapper.set_autocommit(True)
            wrapper.set_schema(schema)  # the same schema again, as each request does
    except Exception as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)
    finally:
        wrapper.close()


def test_interleaved_workspaces_never_see_each_others_schema(pgbouncer):
    seen: list[tuple[str, str]] = []
    errors: list[Exception] = []
    threads = [
        threading.Thread(target=_workspace_traffic, args=(pgbouncer, n, 60, seen, errors))
        for n in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(seen) == 2 * (60 * 3 + 20)
    wrong = [(expected, got) for expected, got in seen if expected != got]
    assert wrong == []
