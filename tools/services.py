"""Turning a calculator's result into a draft recipe in a workspace ("Save as a recipe").

The result travels as a draft: a dict of plain values (name, category, lines by ingredient name and
grams, the category fields) signed by `sign_draft` so the browser can't alter what the server
computed. The visitor's session keeps it until they pick a workspace, or create one by signing up;
then `save_draft_recipe` writes it there through inventory's and recipes' services.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models.functions import Lower
from django_tenants.utils import tenant_context

from batchtrack.access import can
from batchtrack.errors import DomainError
from billing.policy import require_writable
from inventory.models import Item
from inventory.services.items import create_item
from recipes.models import Recipe
from recipes.services.authoring import create_recipe
from recipes.services.lines import LineInput, VersionContent
from tenants.models import Organization, User
from tools.errors import DraftNotSaved
from tools.selectors import library_match

DRAFT_SALT = "tools.draft"
SESSION_KEY = "tool_draft"
DRAFT_MAX_AGE = 3 * 24 * 3600  # a result kept for three days, long enough to sign up and confirm


def sign_draft(draft: dict[str, Any]) -> str:
    return signing.dumps(draft, salt=DRAFT_SALT, compress=True)


def read_draft(token: str) -> dict[str, Any]:
    """The draft a signed token carries; raises DraftNotSaved for a broken or expired one."""
    try:
        return signing.loads(token or "", salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE)
    except signing.BadSignature:
        raise DraftNotSaved(
            "This result has expired or was changed. Calculate it again, then save it."
        ) from None


def save_draft_recipe(*, token: str, organization: Organization, user: User) -> int:
    """Create the signed draft as a draft recipe in `organization`, as `user`; returns its id.

    Each line's ingredient is the workspace's item linked to the same library item, else its item of
    the same name, else a new item (copied from the library when the library has it). All in one
    transaction in the workspace's schema: a refusal (no right to write recipes or items there, the
    workspace read-only, a plan limit, a recipe of that name) leaves nothing behind.
    Raises DraftNotSaved with the reason.
    """
    draft = read_draft(token)
    for permission in ("recipes.edit", "inventory.edit"):
        if not can(user, organization, permission):
            raise DraftNotSaved(
                f"You can't write recipes in {organization.name}; ask its owner, or pick another "
                "workspace."
            )
    try:
        with tenant_context(organization), transaction.atomic():
            require_writable(organization)
            lines = [
                LineInput(
                    item_id=_item_for(line, organization).pk,
                    quantity=Decimal(line["grams"]),
                    unit="g",
                )
                for line in draft["lines"]
            ]
            recipe = create_recipe(
                name=_free_name(draft["name"]),
                category=draft["category"],
                content=VersionContent(
                    yield_quantity=None,
                    yield_unit="",
                    lines=lines,
                    instructions=draft.get("instructions", ""),
                    category_data=draft.get("category_data", {}),
                    change_note=f"Saved from the free {draft['tool']} calculator.",
                ),
                actor_id=user.pk,
            )
            return recipe.pk
    except DomainError as exc:
        if isinstance(exc, DraftNotSaved):
            raise
        raise DraftNotSaved(
            f"{organization.name} could not take this recipe: {exc.message}"
        ) from exc


def _item_for(line: dict[str, Any], organization: Organization) -> Item:
    source = library_match(line["name"])
    existing = Item.objects.filter(is_archived=False)
    if source is not None:
        linked = existing.filter(library_item_id=source.pk).order_by("pk").first()
        if linked is not None:
            return linked
    named = existing.annotate(lname=Lower("name")).filter(lname=line["name"].lower()).first()
    if named is not None:
        return named
    if source is None:
        return create_item(organization=organization, name=line["name"], stock_unit="g")
    identity = source.identity()
    return create_item(
        organization=organization,
        name=identity["name"],
        kind=identity["kind"],
        stock_unit="g",
        category=source.get_category_display(),
        density_g_per_ml=identity["density_g_per_ml"],
        shelf_life_days=identity["shelf_life_days"],
        library_item_id=source.pk,
    )


def _free_name(name: str) -> str:
    """The draft's name, or "name (2)", "name (3)"... when the workspace has a recipe of that name."""
    taken = {n.lower() for n in Recipe.objects.values_list("name", flat=True)}
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def save_waiting_tool_draft(request, *, organization: Organization, user: User) -> int | None:
    """At sign-up: write the calculator result waiting in the session into the new workspace.

    Sign-up goes on whatever happens here: a draft that can't be saved stays in the session, and
    /tools/save/ says why and offers to try again. On success the maker lands on the recipe.
    """
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    try:
        recipe_id = save_draft_recipe(token=token, organization=organization, user=user)
    except DraftNotSaved:
        return None
    request.session.pop(SESSION_KEY, None)
    request.session["after_signup_next"] = f"/recipes/{recipe_id}/"
    return recipe_id
