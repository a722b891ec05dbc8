"""Publishing a recipe version to the public recipe library, and unlisting one (staff, audited).

Runs from a workspace: its search_path is `<tenant>, public`, so it reads the workspace's recipe
and writes the public-schema SharedRecipe in one transaction.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from library.errors import InvalidSharedRecipe
from library.models import SharedRecipe
from library.storage import platform_files
from recipes.models import Recipe
from tenants.audit import record_audit

MAX_COVER_BYTES = 2 * 1024 * 1024
COVER_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
MAX_DESCRIPTION = 4000


def publish_recipe(
    *,
    organization,
    recipe: Recipe,
    description: str,
    cover: UploadedFile | None = None,
    actor_id: int | None = None,
) -> SharedRecipe:
    """Publish `recipe`'s current version, free, with `description` and an optional cover
    picture (PNG, JPEG, WEBP or GIF, at most 2 MB). Each version is published once.

    Raises InvalidSharedRecipe naming every problem (no published version, archived, a blank or
    long description, a bad cover, the version already shared); nothing is written then.
    """
    problems: list[str] = []
    version = recipe.current_version
    if recipe.is_archived or version is None:
        problems.append("Publish a version of the recipe in your workspace first.")
    text = (description or "").strip()
    if len(text) < 20:
        problems.append("Describe the recipe for other makers in at least 20 characters.")
    elif len(text) > MAX_DESCRIPTION:
        problems.append(f"Keep the description to {MAX_DESCRIPTION} characters.")
    if cover is not None:
        problems += _cover_problems(cover)
    if (
        version is not None
        and SharedRecipe.objects.filter(
            organization=organization, source_recipe_id=recipe.pk, source_version=version.number
        ).exists()
    ):
        problems.append(
            f"Version {version.number} is already in the library. Publish a newer version to "
            "share your changes."
        )
    if problems:
        raise InvalidSharedRecipe(" ".join(problems), field="description", problems=problems)
    assert version is not None
    lines = [
        {
            "name": line.item.name,
            "quantity": format(line.quantity.normalize(), "f"),
            "unit": line.unit,
            "kind": line.item.kind,
            "stock_unit": line.item.stock_unit,
            "library_item_id": line.item.library_item_id,
            "note": line.note,
        }
        for line in version.lines.select_related("item").order_by("position")
    ]
    with transaction.atomic():
        shared = SharedRecipe(
            organization=organization,
            source_recipe_id=recipe.pk,
            source_version=version.number,
            name=recipe.name,
            category=recipe.category,
            description=text,
            yield_quantity=version.yield_quantity,
            yield_unit=version.yield_unit,
            portion_name=version.portion_name,
            instructions=version.instructions,
            category_data=dict(version.category_data),
            lines=lines,
            published_by_id=actor_id,
        )
        if cover is not None:
            cover.seek(0)
            with platform_files():
                shared.cover.save(f"recipe-{recipe.pk}-v{version.number}", cover, save=False)
        shared.save()
    return shared


def _cover_problems(cover: UploadedFile) -> list[str]:
    from PIL import Image, UnidentifiedImageError

    if cover.size is not None and cover.size > MAX_COVER_BYTES:
        return ["The cover picture is larger than 2 MB; choose a smaller one."]
    try:
        cover.seek(0)
        with Image.open(cover) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ["The cover isn't a picture we can read; use a PNG, JPEG, WEBP or GIF file."]
    if kind not in COVER_FORMATS:
        return ["Use a PNG, JPEG, WEBP or GIF file for the cover."]
    return []


def unlist_shared_recipe(*, shared: SharedRecipe, staff_user, reason: str) -> SharedRecipe:
    """Platform staff hide a shared recipe from the library (imports stop too), with the reason,
    recorded in the publishing workspace's audit log. Locks the row. Raises InvalidSharedRecipe
    when the reason is blank or it is unlisted already, PermissionError for a non-staff user."""
    if not getattr(staff_user, "is_staff", False):
        raise PermissionError("Only platform staff can unlist a shared recipe.")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidSharedRecipe("Say why the recipe is unlisted; it goes on the record.")
    with transaction.atomic():
        locked = SharedRecipe.objects.select_for_update().get(pk=shared.pk)
        if not locked.is_listed:
            raise InvalidSharedRecipe(f"{locked.name} is unlisted already.")
        locked.is_listed = False
        locked.unlisted_at = timezone.now()
        locked.unlist_reason = reason
        locked.save(update_fields=["is_listed", "unlisted_at", "unlist_reason"])
        record_audit(
            organization=locked.organization,
            actor=staff_user,
            action="library.recipe_unlisted",
            target=locked.name,
            details={"shared_recipe_id": locked.pk, "reason": reason},
        )
    return locked
