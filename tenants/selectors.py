"""Reads about organizations and their people."""

from __future__ import annotations

from django.utils import timezone

from tenants.models import Invitation, Membership, Organization


def seats_taken(organization: Organization) -> int:
    """Members plus pending invitations: a seat is taken from the moment it is offered.

    `organization` may be the stand-in django-tenants puts on `connection.tenant` under
    `schema_context` (it has the schema name but not the row)."""
    if not isinstance(organization, Organization):
        organization = Organization.objects.get(schema_name=organization.schema_name)
    members = Membership.objects.filter(organization=organization).count()
    pending = Invitation.objects.filter(
        organization=organization,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).count()
    return members + pending
