"""The workspace UI fixtures (acme's schema, its owner's client, the demo data), and a skip for
typo tolerance on a server without pg_trgm (the embedded development server)."""

import pytest

from batchtrack.search import trigrams_available
from tests.ui.conftest import acme, demo, owner, owner_client  # noqa: F401


@pytest.fixture
def trigrams(db):
    if not trigrams_available():
        pytest.skip("This PostgreSQL server doesn't ship pg_trgm.")
