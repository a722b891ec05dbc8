"""Shared fixtures: two real workspaces (schemas) built once per test database, members, clients.

Workspaces are created in `django_db_setup` (committed), so ordinary `db` tests roll back their own data
without paying for schema creation. Transactional tests (threads, live server) flush the public tables
at teardown, so `ensure_workspace` re-creates the rows; the schemas themselves survive.
"""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists

from tenants.middleware import public_organization
from tenants.models import Domain, Membership, Organization, User
from tenants.services.provisioning import schema_name_for
from tests import db_fingerprint

WORKSPACES = {"acme": "Acme Soap Works", "globex": "Globex Candles"}
PASSWORD = "correct-horse-battery-staple"


def ensure_workspace(slug: str, name: str | None = None) -> Organization:
    """The workspace row, domain and schema for `slug`, created only when missing."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        organization = Organization(
            name=name or slug.title(), slug=slug, schema_name=schema_name_for(slug)
        )
        organization.save(verbosity=0)  # creates the schema only if it does not exist yet
    host = f"{slug}.{settings.BASE_DOMAIN}"
    Domain.objects.get_or_create(domain=host, defaults={"tenant": organization, "is_primary": True})
    assert schema_exists(organization.schema_name)
    return organization


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings, django_db_blocker) -> bool:
    """Build the test database afresh with --create-db, or when the one there was built from other
    migrations or packages (tests/db_fingerprint.py); reuse it otherwise."""
    if request.config.getvalue("create_db"):
        return True
    with django_db_blocker.unblock():
        return not db_fingerprint.matches(db_fingerprint.fingerprint())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        db_fingerprint.record(db_fingerprint.fingerprint())
        public_organization()
        for slug, name in WORKSPACES.items():
            ensure_workspace(slug, name)


SPARE_FOR_TESTS = "_spare_tests"


@pytest.fixture(scope="session")
def _spare_schema(django_db_setup, django_db_blocker) -> str:
    """A workspace schema built ahead, the way production keeps a pool of them
    (tenants/services/spare_schemas.py, SPARE_SCHEMAS), once per test database and committed, but
    without its pool row: no sign-up finds it unless a test hands it over with `ready_spare`."""
    from tenants.models import SpareSchema
    from tenants.services import spare_schemas

    with django_db_blocker.unblock():
        if not schema_exists(SPARE_FOR_TESTS):
            built = spare_schemas.build(spare_schemas.migration_state())
            with connection.cursor() as cursor:
                cursor.execute(f'ALTER SCHEMA "{built.schema_name}" RENAME TO "{SPARE_FOR_TESTS}"')
            SpareSchema.objects.filter(pk=built.pk).delete()
    return SPARE_FOR_TESTS


@pytest.fixture
def ready_spare(_spare_schema, db) -> None:
    """One spare schema in the pool for this test's sign-up, which renames it into place as a
    production sign-up does, instead of building a schema (seconds of migrations). Sign-up tests about
    building the schema itself leave this out. The pool row is added in the test's transaction, so
    the claim is undone with the rest of the test and the next test gets the same schema."""
    from tenants.models import SpareSchema
    from tenants.services import spare_schemas

    assert connection.in_atomic_block, (
        "ready_spare needs a test that rolls back (db, not a live one)"
    )
    SpareSchema.objects.create(
        schema_name=_spare_schema, migration_state=spare_schemas.migration_state()
    )


@pytest.fixture
def org_a(db) -> Organization:
    return ensure_workspace("acme", WORKSPACES["acme"])


@pytest.fixture
def org_b(db) -> Organization:
    return ensure_workspace("globex", WORKSPACES["globex"])


_user_counter = iter(range(1, 10**9))


def make_user(email: str | None = None, **extra) -> User:
    email = email or f"user{next(_user_counter)}@example.com"
    return User.objects.create_user(email=email, password=PASSWORD, **extra)


def make_member(organization: Organization, role: str = "owner", email: str | None = None) -> User:
    user = make_user(email)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def member_factory(db):
    return make_member


@pytest.fixture
def owner_a(org_a) -> User:
    return make_member(org_a, "owner")


def workspace_client(user: User | None, organization: Organization) -> Client:
    client = Client(HTTP_HOST=f"{organization.slug}.{settings.BASE_DOMAIN}")
    if user is not None:
        client.force_login(user)
    return client


def page_text(response) -> str:
    """The response body with HTML entities decoded, for asserting on messages."""
    return html.unescape(response.content.decode())


def public_client(user: User | None = None) -> Client:
    client = Client(HTTP_HOST=settings.BASE_DOMAIN)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def in_workspace():
    """Run ORM code inside a workspace's schema: `with in_workspace(org): ...`."""
    from django_tenants.utils import tenant_context

    yield tenant_context
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _public_schema_between_tests():
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _no_outage_carried_between_tests():
    """A Redis circuit opened by one test (batchtrack/redis_circuit.py) must not skip the next's calls."""
    from batchtrack.redis_circuit import reset_circuits

    yield
    reset_circuits()


@pytest.fixture(autouse=True)
def _clear_cache_between_tests():
    """Rate-limit counters live in Redis; every test starts from none."""
    from django.core.cache import caches

    yield
    for alias in settings.CACHES:
        caches[alias].clear()
