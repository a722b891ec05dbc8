"""Shared fixtures: two real workspaces (schemas) built once per test database, members, clients.

Workspaces are created in `django_db_setup` (committed), so ordinary `db` tests roll back their own data
without paying for schema creation. Transactional tests (threads, live server) flush the public tables
at teardown, so `ensure_workspace` re-creates the rows; the schemas themselves survive.
"""

from __future__ import annotations

import html
from importlib import import_module

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
        # A reused test database carries the dead rows of every earlier run: sign-ups create and
        # drop schemas (hundreds of catalog rows each) and live tests flush tables. A server without
        # autovacuum (some have it off) never clears them, and each run got slower than the last
        # (233 s to 303 s over five runs here). Half a second of VACUUM puts it back.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        _committed_workspaces()


def _committed_workspaces() -> None:
    """The rows every test may count on, committed: the public workspace and the two test ones."""
    public_organization()
    for slug, name in WORKSPACES.items():
        ensure_workspace(slug, name)


def _is_browser_test(item: pytest.Item) -> bool:
    return item.get_closest_marker("e2e") is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests first. They are the longest (seconds each, against milliseconds), and xdist's
    work stealing takes from the end of a worker's queue: with them up front, the tests left to share
    out at the end of a run are the short ones, and both workers finish within a second of each other
    instead of one waiting out the other's 25-second browser test."""
    items.sort(key=lambda item: not _is_browser_test(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Coverage is not traced through browser tests (setup and teardown included, so the browser
    tests' live server, tests/e2e/conftest.py, starts untraced and stays so). They add 0.05 % of
    coverage: the request tests already run the same server code."""
    import coverage

    measuring = coverage.Coverage.current() if _is_browser_test(item) else None
    if measuring is None:
        return (yield)
    measuring.stop()
    try:
        return (yield)
    finally:
        measuring.start()


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


def session_for(user: User) -> str:
    """The key of a session signed in as `user`: what `client.force_login(user)` leaves (the user,
    the backend and the password's hash), saved once. force_login goes through login(), which
    creates a session, deletes it and creates it again to rotate the key, then saves it a third time:
    22 round trips to PostgreSQL and Redis (14 and 8), more than most requests a test then makes.
    This is 7 (4 and 3). login()'s signal (the last-login time) is not sent, as no test of a page
    needs it; the sign-in tests sign in through the real form."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def signed_in(client: Client, user: User) -> Client:
    client.cookies[settings.SESSION_COOKIE_NAME] = session_for(user)
    return client


def workspace_client(user: User | None, organization: Organization) -> Client:
    client = Client(HTTP_HOST=f"{organization.slug}.{settings.BASE_DOMAIN}")
    return client if user is None else signed_in(client, user)


def page_text(response) -> str:
    """The response body with HTML entities decoded, for asserting on messages."""
    return html.unescape(response.content.decode())


def public_client(user: User | None = None) -> Client:
    client = Client(HTTP_HOST=settings.BASE_DOMAIN)
    return client if user is None else signed_in(client, user)


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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """A test whose rows really commit (transactional_db) ends with a flush of the public tables;
    once it has run (after every fixture's teardown), the rows django_db_setup committed are put
    back. Otherwise the next test would see one appear mid-test (the public one is created by the
    first request that needs it)."""
    from pytest_django.plugin import blocking_manager_key

    result = yield
    if "transactional_db" in getattr(item, "fixturenames", ()):
        with item.config.stash[blocking_manager_key].unblock():
            _committed_workspaces()
    return result


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
