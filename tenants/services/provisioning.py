"""Creating a workspace: slug rules, schema provisioning, owner membership."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.text import slugify

from batchtrack.money import DEFAULT_CURRENCY, is_currency
from outbox import services as outbox
from tenants.errors import ProvisioningError, SlugError
from tenants.links import workspace_host
from tenants.models import Domain, Membership, Organization, User
from tenants.roles import Role
from tenants.services import spare_schemas

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
SLUG_MIN, SLUG_MAX = 3, 40
RESERVED_SLUGS = frozenset(
    {
        "www",
        "admin",
        "api",
        "static",
        "media",
        "app",
        "mail",
        "email",
        "smtp",
        "ftp",
        "help",
        "support",
        "status",
        "billing",
        "stripe",
        "accounts",
        "account",
        "login",
        "logout",
        "signup",
        "auth",
        "docs",
        "blog",
        "public",
        "dashboard",
        "assets",
        "cdn",
        "dev",
        "test",
        "staging",
        "demo-admin",
        "root",
        "system",
        "batchtrack",
        "information_schema",
        "pg-catalog",
        "template",
    }
)


def schema_name_for(slug: str) -> str:
    # Slugs never contain underscores, so this mapping is one-to-one.
    return slug.replace("-", "_")


def validate_slug(slug: str) -> str:
    """Return the normalised slug or raise SlugError saying exactly what is wrong."""
    slug = (slug or "").strip().lower()
    if len(slug) < SLUG_MIN:
        raise SlugError(
            f"The web address must be at least {SLUG_MIN} characters long.", field="slug"
        )
    if len(slug) > SLUG_MAX:
        raise SlugError(f"The web address can be at most {SLUG_MAX} characters long.", field="slug")
    if not SLUG_PATTERN.match(slug) or "--" in slug:
        raise SlugError(
            "Use only lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
            field="slug",
        )
    if slug in RESERVED_SLUGS or slug.startswith("pg-"):
        raise SlugError(f"'{slug}' is reserved. Please choose another web address.", field="slug")
    if (
        Organization.objects.filter(slug=slug).exists()
        or Organization.objects.filter(schema_name=schema_name_for(slug)).exists()
    ):
        raise SlugError(
            f"'{slug}' is already taken. Please choose another web address.", field="slug"
        )
    return slug


def propose_slug(name: str) -> str:
    """A free slug derived from an organization name (`Lavender & Lye` -> `lavender-lye`)."""
    base = slugify(name)[:SLUG_MAX].strip("-") or "workspace"
    if len(base) < SLUG_MIN:
        base = f"{base}-shop"
    candidate, n = base, 2
    while True:
        try:
            return validate_slug(candidate)
        except SlugError:
            suffix = f"-{n}"
            candidate = f"{base[: SLUG_MAX - len(suffix)]}{suffix}"
            n += 1
            if n > 50:
                raise


def provision_workspace(
    *, name: str, slug: str, owner: User, time_zone: str = "UTC", currency: str = DEFAULT_CURRENCY
) -> Organization:
    """Create an organization with its schema, its domain and the owner's membership, all or nothing.

    PostgreSQL DDL is transactional, so a failure anywhere (schema migration included) rolls back the
    schema together with the organization, domain and membership rows. A spare schema built ahead of
    time is renamed into place when one is ready (tenants/services/spare_schemas.py); otherwise the
    schema is built here.
    Raises SlugError for a bad slug, ProvisioningError when the schema cannot be built.
    """
    name = (name or "").strip()
    if not name:
        raise ProvisioningError("Please give your organization a name.", field="name")
    if len(name) > 120:
        raise ProvisioningError(
            "The organization name can be at most 120 characters long.", field="name"
        )
    slug = validate_slug(slug)
    try:
        with transaction.atomic():
            org = Organization(
                name=name,
                slug=slug,
                schema_name=schema_name_for(slug),
                time_zone=time_zone,
                currency=currency if is_currency(currency) else DEFAULT_CURRENCY,
                email=owner.email,
            )
            org.auto_create_schema = not spare_schemas.claim(org.schema_name)
            org.save(verbosity=0)  # type: ignore[call-arg]  # django-tenants' TenantMixin.save (untyped)
            Domain.objects.create(domain=workspace_host(slug), tenant=org, is_primary=True)
            Membership.objects.create(user=owner, organization=org, role=Role.OWNER)
            if spare_schemas.pool_size():  # top the pool up again, after this commits
                outbox.enqueue("tenants.tasks.refill_spare_schemas")
    except SlugError:
        raise
    except Exception as exc:  # the schema could not be built: nothing is left behind
        raise ProvisioningError(
            "We could not create your workspace just now. Nothing was saved; please try again."
        ) from exc
    return org
