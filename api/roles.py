"""An API key's role, as the member role whose permissions it carries (tenants.roles)."""

from __future__ import annotations

from api.models import KeyRole
from tenants.roles import Role

MEMBER_ROLE_OF_KEY: dict[str, str] = {
    KeyRole.READ_ONLY: Role.VIEWER,
    KeyRole.PRODUCTION: Role.PRODUCTION,
    KeyRole.ADMIN: Role.ADMIN,
}
