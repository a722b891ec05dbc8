from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from tenants.models import Organization


def on_tier(organization: Organization, tier: str) -> Organization:
    """Put a workspace on a paid tier (tests only: the app changes tiers through billing's services;
    the test's transaction rolls this back)."""
    Organization.objects.filter(pk=organization.pk).update(tier=tier, billing_status="active")
    organization.refresh_from_db()
    return organization


@pytest.fixture(autouse=True)
def _remove_job_files(org_a, org_b):
    """Export and import files land in the shared test media folder: remove this test's own (the
    job rows are still there at teardown; the test's transaction rolls them back afterwards)."""
    yield
    from reports.models import ExportJob, ImportJob

    for organization in (org_a, org_b):
        with tenant_context(organization):
            for model in (ExportJob, ImportJob):
                for job in model.objects.exclude(file=""):
                    job.file.delete(save=False)


@pytest.fixture
def pro_a(org_a) -> Organization:
    """acme on the Pro tier: exports and traceability reports included."""
    return on_tier(org_a, "pro")


@pytest.fixture
def acme(pro_a):
    """Run the test inside the acme workspace's schema (on Pro)."""
    with tenant_context(pro_a):
        yield pro_a
