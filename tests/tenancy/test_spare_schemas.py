"""Spare workspace schemas (tenants/services/spare_schemas.py): sign-up renames one into place,
never hands out one built from other migrations, and two sign-ups never get the same one."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import override_settings
from django_tenants.utils import schema_context, schema_exists

from inventory.models import Item
from outbox.models import OutboxMessage
from tenants.models import SpareSchema
from tenants.services import spare_schemas
from tenants.services.provisioning import provision_workspace
from tests.conftest import make_user


def empty_spare(name: str, state: str | None = None) -> SpareSchema:
    """A spare row with an empty schema: enough where only the claiming is under test."""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{name}"')
    return SpareSchema.objects.create(
        schema_name=name, migration_state=state or spare_schemas.migration_state()
    )


def test_sign_up_renames_a_ready_spare_into_place(db):
    assert spare_schemas.refill(size=1) == 1  # built like any workspace schema
    assert spare_schemas.refill(size=1) == 0
    spare = SpareSchema.objects.get()
    assert spare.schema_name.startswith("_spare_")
    with override_settings(SPARE_SCHEMAS=1):
        org = provision_workspace(name="Spare Soap", slug="spare-soap", owner=make_user())
    assert not SpareSchema.objects.exists()
    assert not schema_exists(spare.schema_name)
    assert schema_exists(org.schema_name)
    with schema_context(org.schema_name):
        assert Item.objects.count() == 0  # a working, empty workspace
    # ...and the pool is topped up again once the sign-up commits.
    assert OutboxMessage.objects.filter(task_name="tenants.tasks.refill_spare_schemas").exists()


def test_a_spare_from_other_migrations_is_never_handed_out_and_the_refill_drops_it(db):
    stale = empty_spare("_spare_stale", state="built-before-the-last-deploy")
    assert not spare_schemas.claim("fresh_soap")
    assert schema_exists(stale.schema_name) and not schema_exists("fresh_soap")

    assert spare_schemas.refill(size=0) == 0
    assert not schema_exists(stale.schema_name)
    assert not SpareSchema.objects.exists()


def test_a_spare_whose_schema_was_dropped_by_hand_is_passed_over_and_removed(db):
    SpareSchema.objects.create(
        schema_name="_spare_gone", migration_state=spare_schemas.migration_state()
    )
    ready = empty_spare("_spare_ready")
    assert spare_schemas.claim("lucky_workspace")  # the one that exists
    assert schema_exists("lucky_workspace") and not SpareSchema.objects.filter(pk=ready.pk).exists()
    assert not spare_schemas.claim("unlucky_workspace")  # the gone one is never tried
    spare_schemas.refill(size=0)
    assert not SpareSchema.objects.exists()


def test_the_fingerprint_changes_when_a_migration_is_added():
    before = spare_schemas.migration_state()
    spare_schemas.migration_state.cache_clear()
    try:
        with override_settings(
            MIGRATION_MODULES={
                "djstripe": "tests.djstripe_migrations",
                "fleetapp": "tests.fleetapp.next_migrations",
            }
        ):
            assert spare_schemas.migration_state() != before
    finally:
        spare_schemas.migration_state.cache_clear()
    assert spare_schemas.migration_state() == before


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_at_once_never_get_the_same_spare():
    spare = empty_spare("_spare_only_one")
    second: dict[str, bool] = {}

    def other_sign_up():
        try:
            with transaction.atomic():
                second["got"] = spare_schemas.claim("other_workspace")
        finally:
            connections.close_all()

    try:
        with transaction.atomic():
            assert spare_schemas.claim("first_workspace")
            thread = threading.Thread(target=other_sign_up)
            thread.start()
            thread.join(timeout=30)  # skips the locked spare instead of waiting for it
            assert second == {"got": False}
    finally:
        with connection.cursor() as cursor:
            for name in ("first_workspace", "other_workspace", spare.schema_name):
                cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
