"""Helpers for concurrency tests: real threads, each on its own database connection, against committed
rows in the acme workspace, which are removed again afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pytest
from django.apps import apps
from django.db import connection, connections
from django_tenants.utils import tenant_context

from tests.conftest import WORKSPACES, ensure_workspace
from tests.emptying import empty_tables_sql

# The workspace apps whose rows a concurrency test may commit.
_APPS = ("inventory", "recipes", "batches", "products", "sales", "workspace")


def empty_workspace(organization, app_labels: Sequence[str] = _APPS) -> None:
    """Remove every row of `app_labels`' tables in the workspace's schema (labels, or the apps'
    dotted names as settings list them)."""
    tables = [
        model._meta.db_table
        for label in app_labels
        for model in apps.get_app_config(label.rsplit(".", 1)[-1]).get_models()
    ]
    with tenant_context(organization), connection.cursor() as cursor:
        cursor.execute(empty_tables_sql(tables))


@pytest.fixture
def committed_acme(transactional_db):
    """The acme workspace for a test whose rows really commit (so other connections see them);
    its workspace tables are emptied before and after."""
    organization = ensure_workspace("acme", WORKSPACES["acme"])
    empty_workspace(organization)
    with tenant_context(organization):
        yield organization
    empty_workspace(organization)


def run_concurrently(organization, calls: Sequence[Callable[[], object]]) -> list[object]:
    """Run each call in its own thread and connection, released together by a barrier; returns each
    call's result or the exception it raised, in order."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            with tenant_context(organization):
                barrier.wait(timeout=10)
                results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
