"""API test helpers: a workspace on a plan with the API, keys made through the service, and a
client that sends a key on the workspace's host."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django_tenants.utils import tenant_context

from api.services import create_key
from tests.billing.helpers import set_billing


def on_tier(organization, tier: str = "pro"):
    return set_billing(organization, tier=tier, billing_status="active")


def new_key(organization, role: str = "admin", *, actor_id: int | None = None) -> str:
    with tenant_context(organization):
        return create_key(name=f"{role} key", role=role, actor_id=actor_id).secret


def key_client(organization, secret: str | None) -> Client:
    headers = {"HTTP_HOST": f"{organization.slug}.{settings.BASE_DOMAIN}"}
    if secret is not None:
        headers["HTTP_AUTHORIZATION"] = f"Api-Key {secret}"
    return Client(**headers)


@pytest.fixture
def api_org(org_a):
    return on_tier(org_a, "pro")


@pytest.fixture
def admin_key(api_org, owner_a) -> str:
    return new_key(api_org, "admin", actor_id=owner_a.pk)


@pytest.fixture
def api(api_org, admin_key) -> Client:
    return key_client(api_org, admin_key)


@pytest.fixture
def acme(api_org):
    """Run ORM code (factories, assertions) in the acme workspace's schema."""
    with tenant_context(api_org):
        yield api_org
