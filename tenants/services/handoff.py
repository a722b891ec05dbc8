"""One-time tickets that carry a signed-in user from the public host to a workspace host."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from tenants.errors import HandoffError
from tenants.models import LoginHandoff, Membership, Organization, User
from tenants.services.tokens import hash_token, new_token


def safe_next_path(next_path: str | None) -> str:
    """Only a local path may follow a handoff."""
    if (
        next_path
        and next_path.startswith("/")
        and url_has_allowed_host_and_scheme(next_path, allowed_hosts=None)
    ):
        return next_path
    return "/"


def issue_handoff(*, user: User, organization: Organization, next_path: str = "/") -> str:
    """A raw ticket for `user` to enter `organization`; refused for non-members."""
    if not Membership.objects.filter(user=user, organization=organization).exists():
        raise HandoffError("You are not a member of this workspace.")
    token, token_hash = new_token()
    LoginHandoff.objects.create(
        token_hash=token_hash,
        user=user,
        organization=organization,
        next_path=safe_next_path(next_path),
    )
    return token


def redeem_handoff(*, token: str, organization: Organization) -> LoginHandoff:
    """Use a ticket once, on the workspace it was issued for, within its short lifetime."""
    oldest_valid = timezone.now() - timedelta(seconds=settings.HANDOFF_MAX_AGE_SECONDS)
    with transaction.atomic():
        handoff = (
            LoginHandoff.objects.select_for_update()
            .select_related("user")
            .filter(token_hash=hash_token(token or ""), organization=organization)
            .first()
        )
        if handoff is None or handoff.used_at is not None or handoff.created_at < oldest_valid:
            raise HandoffError("This sign-in link has expired. Please sign in again.")
        handoff.used_at = timezone.now()
        handoff.save(update_fields=["used_at"])
        # The switcher lists the workspaces entered last first; save() drops its cached list.
        membership = (
            Membership.objects.filter(user_id=handoff.user_id, organization=organization)
            .order_by()
            .first()
        )
        if membership is not None:
            membership.last_opened_at = handoff.used_at
            membership.save(update_fields=["last_opened_at"])
        # Old tickets are worthless; keep the table small.
        LoginHandoff.objects.filter(created_at__lt=oldest_valid - timedelta(days=1)).delete()
    return handoff
