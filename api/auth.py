"""Who is calling: an API key of this workspace (`Authorization: Api-Key <key>` or `Bearer <key>`),
or a signed-in member's session (the pages' own htmx use; CSRF stays on for it, as DRF enforces).

Either way the request carries a Principal: the member role whose permissions apply, and the user id
to record as the actor of what it changes. Keys live in the workspace's schema (api.models), so a
key from another workspace is simply unknown here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions

from api import selectors
from api.models import ApiKey
from api.roles import MEMBER_ROLE_OF_KEY
from api.services import key_matches, note_key_used
from tenants.models import Membership

SCHEMES = ("api-key", "bearer")


@dataclass(frozen=True)
class Principal:
    role: str  # a tenants.roles.Role value
    actor_id: int | None
    key: ApiKey | None = None

    @property
    def rate_key(self) -> str:
        return f"key:{self.key.prefix}" if self.key else f"user:{self.actor_id}"


class InvalidKey(exceptions.AuthenticationFailed):
    default_detail = "This API key is not valid for this workspace, or it was revoked."
    default_code = "invalid_api_key"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, secret = header.strip().partition(" ")
        if scheme.lower() not in SCHEMES:
            return None
        secret = secret.strip()
        prefix, dot, _rest = secret.partition(".")
        if not dot or not prefix or len(secret) > 200:
            raise InvalidKey()
        key = selectors.usable_key(prefix)
        if key is None or not key_matches(key, secret):
            raise InvalidKey()
        note_key_used(key=key)
        principal = Principal(
            role=MEMBER_ROLE_OF_KEY[key.role], actor_id=key.created_by_id, key=key
        )
        return AnonymousUser(), principal

    def authenticate_header(self, request) -> str:
        return 'Api-Key realm="api"'


class MemberSessionAuthentication(authentication.SessionAuthentication):
    """A signed-in member of this workspace; anyone else is not authenticated here."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user, _ = found
        membership = Membership.objects.filter(user=user, organization=request.tenant).first()
        if membership is None:
            return None
        return user, Principal(role=membership.role, actor_id=user.pk)
