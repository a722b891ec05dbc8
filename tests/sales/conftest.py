from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from tests.concurrency import committed_acme  # noqa: F401


@pytest.fixture
def acme(org_a):
    """Run the test inside the acme workspace's schema."""
    with tenant_context(org_a):
        yield org_a


def make_sku(code: str = "BAR", price: str = "8.50"):
    from products.services import create_product, create_sku

    product = create_product(name=f"Product {code}")
    return create_sku(product=product, price=price, code=code)
