"""pytest plugin, loaded with `-p` before pytest-django reads settings: choose the test settings and
make sure PostgreSQL and Redis URLs exist (embedded servers when none are configured).

Importing `batchtrack` would run celery.py, which defaults DJANGO_SETTINGS_MODULE to the production
settings; so the test settings are chosen first.
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batchtrack.settings_test")

from batchtrack.devservices import ensure_env  # noqa: E402

# The tests run with DEBUG off, like production, but may start embedded servers.
ensure_env(embedded=True)
