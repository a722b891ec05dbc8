"""Every endpoint's gate: the caller's role AND the workspace's tier (`batchtrack.access.role_can`),
first for the API itself ("api.view", which the tier gates), then for what the endpoint does.

A view names its permission per HTTP method in `permissions`, e.g.
`{"GET": "inventory.view", "POST": "inventory.receive"}`; a method it does not name is refused.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.auth import Principal
from api.problems import Problem
from batchtrack.access import role_can
from billing.gates import has_feature
from billing.policy import Mode, access_for
from tenants.roles import PERMISSIONS


class EndpointPermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        principal = request.auth
        if not isinstance(principal, Principal):
            return False  # DRF answers 401 (not authenticated)
        organization = request.tenant
        access = access_for(organization)
        if access.mode == Mode.BLOCKED:
            raise Problem(403, "workspace_suspended", "This workspace is suspended.")
        if not role_can(principal.role, organization, "api.view"):
            if not has_feature(organization, "api"):
                raise Problem(
                    403,
                    "api_not_in_plan",
                    "This workspace's plan does not include the API. An owner can upgrade it on "
                    "the Billing page.",
                )
            raise Problem(403, "permission_denied", "This key or member may not use the API.")
        permission = view.permissions.get(request.method) or (
            view.permissions.get("GET") if request.method in ("HEAD", "OPTIONS") else None
        )
        if permission is None:
            raise Problem(405, "method_not_allowed", f"{request.method} is not allowed here.")
        if not role_can(principal.role, organization, permission):
            raise Problem(
                403,
                "permission_denied",
                f"This key's role may not {PERMISSIONS[permission][0].lower()}"
                f"{PERMISSIONS[permission][1:].lower()}.",
            )
        if request.method not in SAFE_METHODS and not access.writable:
            raise Problem(
                403,
                "workspace_read_only",
                "This workspace is read-only until its payment goes through; nothing was changed.",
            )
        return True
