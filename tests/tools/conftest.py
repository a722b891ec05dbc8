"""The calculators read the ingredient library's seed rows, which transactional tests elsewhere in the
suite flush: re-apply both (idempotent) data migrations inside the test."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

seed_library = importlib.import_module("library.migrations.0002_seed_library")
seed_sap_values = importlib.import_module("library.migrations.0004_seed_oil_sap_values")


def ensure_soap_library() -> None:
    seed_library.seed(django_apps, None)
    seed_sap_values.fill(django_apps, None)


@pytest.fixture
def soap_library(db):
    ensure_soap_library()
