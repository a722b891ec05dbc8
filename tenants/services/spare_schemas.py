"""Spare workspace schemas: built ahead of time, renamed into place at sign-up.

Building a workspace schema runs every workspace migration (about a second of Python work, most
of it rendering model state), which a new user would otherwise wait for. A small pool of schemas
is built in the background (`refill`, run after each sign-up that took one and every few minutes by
beat); `claim` hands one out inside the sign-up's transaction with one `ALTER SCHEMA ... RENAME`,
which costs the same whether 0 or 5,000 workspaces exist. When the pool is empty (a burst of
sign-ups, or SPARE_SCHEMAS = 0) sign-up builds the schema itself, as before.

A spare is only handed out if it was built from the migrations this code has (`migration_state`);
spares left from before a deploy that added migrations are dropped by the next refill. Spare schema
names start with an underscore, which a workspace's schema (made from its web address) never does.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import pkgutil
import secrets
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import quote_schema_name

from tenants.models import SpareSchema

logger = logging.getLogger("tenants.spare_schemas")

PREFIX = "_spare_"


@lru_cache(maxsize=1)
def migration_state() -> str:
    """A fingerprint of every migration this code has (names only: reading the files' names is
    cheap, importing them is not). A migration added or removed changes it."""
    names: list[str] = []
    for app_config in apps.get_app_configs():
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        if module_name is None:
            continue
        try:
            package = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        if not hasattr(package, "__path__"):
            continue
        names.extend(
            f"{app_config.label}.{info.name}"
            for info in pkgutil.iter_modules(package.__path__)
            if not info.name.startswith("_")
        )
    return hashlib.sha256("\n".join(sorted(names)).encode()).hexdigest()


def pool_size() -> int:
    return max(0, int(getattr(settings, "SPARE_SCHEMAS", 0)))


def claim(schema_name: str) -> bool:
    """Rename a spare schema to `schema_name` inside the caller's transaction. False when none is
    ready (the caller builds the schema itself). Two sign-ups never get the same spare: the row is
    locked, and a locked one is skipped rather than waited for."""
    spare = (
        SpareSchema.objects.select_for_update(skip_locked=True)
        .filter(migration_state=migration_state())
        # A row whose schema someone dropped by hand is passed over (the refill removes it): the
        # rename would fail and take the sign-up with it.
        .extra(where=["to_regnamespace(quote_ident(schema_name)) IS NOT NULL"])
        .order_by("id")
        .first()
    )
    if spare is None:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER SCHEMA {quote_schema_name(spare.schema_name)} "
            f"RENAME TO {quote_schema_name(schema_name)}"
        )
    spare.delete()
    return True


def refill(size: int | None = None) -> int:
    """Drop spares built from other migrations (and rows whose schema is gone), then build spares
    until `size` (by default SPARE_SCHEMAS) are ready. Returns how many were built. Safe to run
    concurrently: at worst the pool briefly holds one or two more than asked."""
    size = pool_size() if size is None else size
    state = migration_state()
    gone = SpareSchema.objects.extra(where=["to_regnamespace(quote_ident(schema_name)) IS NULL"])
    for stale in [*SpareSchema.objects.exclude(migration_state=state), *gone]:
        drop(stale)
    built = 0
    while SpareSchema.objects.filter(migration_state=state).count() < size:
        build(state)
        built += 1
    return built


def build(state: str) -> SpareSchema:
    """One spare: the schema, every workspace migration applied, and its row, all or nothing."""
    name = f"{PREFIX}{secrets.token_hex(6)}"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {quote_schema_name(name)}")
        call_command(
            "migrate_schemas", tenant=True, schema_name=name, interactive=False, verbosity=0
        )
        connection.set_schema_to_public()  # type: ignore[attr-defined]  # django-tenants' wrapper
        spare = SpareSchema.objects.create(schema_name=name, migration_state=state)
    logger.info("Built spare workspace schema %s", name)
    return spare


def drop(spare: SpareSchema) -> None:
    with transaction.atomic():
        row = SpareSchema.objects.select_for_update(skip_locked=True).filter(pk=spare.pk).first()
        if row is None:  # being claimed right now, or already gone
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {quote_schema_name(row.schema_name)} CASCADE")
        row.delete()
