from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context


@pytest.fixture
def acme(org_a):
    """Run the test inside the acme workspace's schema (its pages switch to the same schema)."""
    with tenant_context(org_a):
        yield org_a
