"""The permission catalogue and the roles that grant them: declared once, here.

A permission is a dotted name. A role is a named set of permissions. Whether a user may do something in
an organization is answered only by `batchtrack.access.can`.
"""

from __future__ import annotations

from django.db import models

PERMISSIONS: dict[str, str] = {
    "workspace.view": "See the workspace",
    "members.view": "See who is in the workspace",
    "members.manage": "Invite members, change roles, remove members",
    "settings.manage": "Change workspace settings (name, time zone) and load sample data",
    "inventory.view": "See items, lots and the ledger",
    "inventory.edit": "Create and edit items",
    "inventory.receive": "Receive stock",
    "inventory.adjust": "Adjust, recount and dispose of stock",
    "recipes.view": "See recipes",
    "recipes.edit": "Write and publish recipes",
    "batches.view": "See batches",
    "batches.run": "Plan, start, finish, cancel and fail batches",
    "products.view": "See products and SKUs",
    "products.edit": "Create products and SKUs",
    "products.sell": "Record sales and other deductions",
    "purchasing.view": "See suppliers, purchase receipts, documents and the shopping list",
    "purchasing.edit": "Add and edit suppliers and attach documents",
    "sales.view": "See orders and customers",
    "sales.edit": "Create orders and customers, and hold stock for orders",
    "sales.fulfil": "Fulfil orders and take returns",
    "reports.view": "See reports",
    # Money: revenue, profit, cost of goods, valuation, the year-end summary (owners and admins).
    "reports.money": "See money reports: sales, profit, cost of goods, valuation, purchases",
    # Tier-gated as well (billing.tiers.PERMISSION_FEATURES): exports, traceability reports.
    "reports.export": "Download exports (CSV, Excel)",
    "traceability.view": "Export lot traceability and recall reports",
    "billing.manage": "Manage the subscription",
    "audit.view": "See the workspace's activity log",
    # Owners only (staff/views.py): export everything, let support in, delete the workspace.
    "workspace.lifecycle": "Export all the workspace's data, grant support access, delete the workspace",
    # The public API (api/): every role may reach it (a key or member does there only what its role
    # allows), when the tier includes it (billing.tiers.PERMISSION_FEATURES); keys and webhook
    # endpoints are managed by owners and admins.
    "api.view": "Use the BatchTrack API",
    "api.manage": "Create and revoke API keys and webhook endpoints",
    "library.publish": "Publish recipes to the public recipe library",
}


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    PRODUCTION = "production", "Production"
    VIEWER = "viewer", "Viewer"


# The activity log names members and their changes: owners and admins only.
_VIEW = {p for p in PERMISSIONS if p.endswith(".view")} - {"audit.view"}
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OWNER: frozenset(PERMISSIONS),
    Role.ADMIN: frozenset(PERMISSIONS)
    - {"billing.manage", "workspace.lifecycle", "library.publish"},
    Role.PRODUCTION: frozenset(
        _VIEW
        | {
            "inventory.receive",
            "inventory.adjust",
            "inventory.edit",
            "recipes.edit",
            "batches.run",
            "products.sell",
            "purchasing.edit",
            "sales.edit",
            "sales.fulfil",
            # Production staff take batch records and recall reports to the bench (tier-gated).
            "reports.export",
        }
    ),
    Role.VIEWER: frozenset(_VIEW),
}

# Roles allowed to invite and manage members.
MEMBER_MANAGERS = frozenset({Role.OWNER, Role.ADMIN})


def permissions_for_role(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
