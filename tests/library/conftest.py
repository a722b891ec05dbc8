"""Library fixtures.

The seed rows come from a data migration, but transactional tests elsewhere in the suite flush the
public tables, so a test that needs them re-applies the (idempotent) seed inside its own transaction.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

# The inventory pages' fixtures, for adding and linking library entries from a workspace.
from tests.inventory_pages.conftest import acme, owner_client  # noqa: F401

seed_migration = importlib.import_module("library.migrations.0002_seed_library")


@pytest.fixture
def seeded(db):
    seed_migration.seed(django_apps, None)
    return seed_migration.ITEMS
