"""Create (once) the demo workspace `demo` with a demo owner, then let each app add its demo data.

A project command (it provisions through tenants and grants a tier through billing).

An app contributes by providing `<app>/demo.py` with `seed(organization, owner)`, called inside the
workspace's schema; seeders must be idempotent.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django_tenants.utils import tenant_context

from billing.services.complimentary import grant_complimentary
from tenants.models import Membership, Organization, User
from tenants.roles import Role
from tenants.services.provisioning import provision_workspace
from workspace.services.sample_data import seeders

DEMO_SLUG = "demo"
DEMO_EMAIL = "demo@batchtrack.local"
DEMO_PASSWORD = "batchtrack-demo"


def ensure_demo_owner() -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email=DEMO_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=DEMO_EMAIL, password=DEMO_PASSWORD, first_name="Demo")
        EmailAddress.objects.create(user=user, email=DEMO_EMAIL, verified=True, primary=True)
    return user


class Command(BaseCommand):
    help = "Create the demo workspace and its demo owner (idempotent)."

    def handle(self, *args, **options):
        owner = ensure_demo_owner()
        organization = Organization.objects.filter(slug=DEMO_SLUG).first()
        if organization is None:
            organization = provision_workspace(
                name="Demo Soap & Candle Co.", slug=DEMO_SLUG, owner=owner
            )
        elif not Membership.objects.filter(user=owner, organization=organization).exists():
            Membership.objects.create(user=owner, organization=organization, role=Role.OWNER)
        if not organization.complimentary_tier:
            # The demo shows every feature, and its data may go beyond the Free plan's limits.
            grant_complimentary(organization=organization, tier="team", until=None, granted_by=None)
            organization.refresh_from_db()
        with tenant_context(organization), transaction.atomic():
            for seeder in seeders():
                seeder.seed(organization=organization, owner=owner)
        self.stdout.write(f"Demo workspace '{organization.slug}' ready; owner {DEMO_EMAIL}")
