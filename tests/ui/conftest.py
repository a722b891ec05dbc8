"""Fixtures for the workspace UI tests: the acme workspace's schema, members' clients, the demo data
(the apps' own seeders) and a statement counter."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from tests.conftest import make_member, workspace_client

# django-tenants' per-cursor search path and transaction bookkeeping are not work a page chose to do.
_NOT_WORK = ("SET search_path", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@pytest.fixture
def acme(org_a):
    with tenant_context(org_a):
        yield org_a


@pytest.fixture
def owner(acme):
    return make_member(acme, "owner")


@pytest.fixture
def owner_client(acme, owner):
    return workspace_client(owner, acme)


def seed_demo(organization, owner) -> None:
    """The demo data `manage.py seed_demo` loads: every workspace app's seeder, in order."""
    from workspace.services.sample_data import seeders

    for seeder in seeders():
        seeder.seed(organization=organization, owner=owner)


@pytest.fixture
def demo(acme, owner):
    seed_demo(acme, owner)
    return acme


def statements(client, path: str, **extra) -> tuple[object, list[str]]:
    """GET `path`; the response and the SQL it ran (without the bookkeeping above)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    sql = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(_NOT_WORK)]
    return response, sql
