"""Settings for the test suite: the real settings with test-friendly, still-real services."""

from __future__ import annotations

import os
import re

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DEBUG", "false")

from batchtrack.settings import *  # noqa: E402,F403
from batchtrack.settings import BASE_DIR, CACHES, REDIS_URL, STORAGES  # noqa: E402

# dj-stripe's shipped history takes ~70 s to migrate; tests use one regenerated 0001 (same tables).
MIGRATION_MODULES = {"djstripe": "tests.djstripe_migrations"}
# A workspace app of the tests' own, which the fleet migrate's tests give a new migration.
TENANT_APPS = [*TENANT_APPS, "tests.fleetapp"]  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "tests.fleetapp"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# Sign-ups in tests build their schema themselves; the spare pool has its own tests
# (tests/tenancy/test_spare_schemas.py), which set a size. A test whose sign-up is about something
# else may hand it one ready spare instead (the `ready_spare` fixture in tests/conftest.py).
SPARE_SCHEMAS = 0
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SITE_SCHEME = "http"
BASE_DOMAIN = "localhost"
ALLOWED_HOSTS = ["localhost", ".localhost", "app.test", ".app.test", "testserver"]
CSRF_TRUSTED_ORIGINS = [
    "http://localhost",
    "http://*.localhost",
    "http://app.test",
    "http://*.app.test",
]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Never the folder `collectstatic` fills for `make run` or the benches: WhiteNoise indexes what it
# finds there for every test client (tests/static_files.py), and files collected from another
# version of the code would be served instead of the current ones.
STATIC_ROOT = BASE_DIR / ".data" / "test-static"
MIDDLEWARE = [  # noqa: F405
    "tests.static_files.IndexOnceWhiteNoiseMiddleware"
    if name == "whitenoise.middleware.WhiteNoiseMiddleware"
    else name
    for name in MIDDLEWARE  # noqa: F405
]
# Tests write organization and membership rows directly (QuerySet.update, no signal) between
# requests; the request cache is on only where a test asks for it (tests/tenancy/test_request_cache.py).
TENANCY_CACHE_TTL = 0
# django-tenants' backend with a faster flush after transactional tests (tests/db_backend).
DATABASES["default"]["ENGINE"] = "tests.db_backend"  # noqa: F405

# Parallel runs (xdist workers, or TEST_SLOT=N for separate checkouts sharing one server) each get
# their own test database and Redis database, away from the development data in Redis database 0.
_worker = int(re.sub(r"\D", "", os.environ.get("PYTEST_XDIST_WORKER", "")) or 0)
_slot = int(os.environ.get("TEST_SLOT", "0")) * 2 + _worker
if _slot:
    DATABASES["default"]["TEST"] = {"NAME": f"test_batchtrack_slot{_slot}"}  # noqa: F405
# Redis has databases 0-15; 0 holds development data, so slots cycle through 1-15.
TEST_REDIS_URL = re.sub(r"/\d*$", "", REDIS_URL.rstrip("/")) + f"/{15 - _slot % 15}"
for _alias in CACHES:
    CACHES[_alias]["LOCATION"] = TEST_REDIS_URL
CELERY_BROKER_URL = TEST_REDIS_URL
# Files too, so a test that looks at what a folder holds sees only its own run's files.
MEDIA_ROOT = str(BASE_DIR / ".data" / (f"test-media-{_slot}" if _slot else "test-media"))

# Webhook receivers in the tests listen on this machine (webhooks/transport.py).
WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
