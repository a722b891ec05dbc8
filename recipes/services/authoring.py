"""Writing recipes: create, save a draft, publish it, branch a variation, archive and restore.

Published versions are never changed: saving edits a draft (creating one from the current version when
there is none), and publishing the draft makes it the recipe's current version.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from batchtrack.tenancy import active_tenant
from billing.gates import lock_and_check_limit
from inventory.models import Item
from recipes.errors import (
    DuplicatePrefix,
    DuplicateRecipeName,
    InvalidRecipe,
    RecipeArchived,
    VersionLocked,
)
from recipes.models import Category, Recipe, RecipeLine, RecipeVersion
from recipes.services.containers import (
    ContainerChoice,
    apply_container_choice,
    check_container_choice,
)
from recipes.services.lines import (
    CheckedContent,
    LineInput,
    VersionContent,
    check_content,
)

PREFIX_RE = re.compile(r"^[A-Z0-9]{2,10}$")


def create_recipe(
    *,
    name: str,
    category: str,
    content: VersionContent,
    prefix: str = "",
    output_item_id: int | None = None,
    actor_id: int | None = None,
    publish: bool = False,
) -> Recipe:
    """Create a recipe with version 1 (a draft, or published when `publish`).

    A draft may leave the yield, its unit and the lines blank. Checks the workspace's recipe limit.
    Raises InvalidRecipe, InvalidLine, NotPublishable (publishing with pieces missing),
    DuplicateRecipeName, DuplicatePrefix, LimitReached; writes nothing then.
    """
    name = _clean_name(name)
    category = _clean_category(category)
    checked = check_content(content, category=category, publish=publish)
    output = _output_item(output_item_id)
    with transaction.atomic():
        _lock_and_check_recipe_limit()
        prefix = _clean_prefix(prefix) if prefix else _free_prefix(_prefix_from_name(name))
        recipe = Recipe(
            name=name,
            category=category,
            prefix=prefix,
            output_item=output,
            created_by_id=actor_id,
        )
        return _save_new(recipe, checked, actor_id=actor_id, publish=publish)


def create_variation(
    *,
    base: Recipe,
    variation_name: str,
    content: VersionContent | None = None,
    actor_id: int | None = None,
) -> Recipe:
    """Branch a variation ("Lavender" of "Castile soap") with a draft version 1 of its own.

    The draft copies the base's current version unless `content` is given. Counts toward the recipe
    limit. Raises InvalidRecipe, RecipeArchived, DuplicateRecipeName, LimitReached, InvalidLine.
    """
    variation_name = " ".join((variation_name or "").split())
    if not variation_name:
        raise InvalidRecipe("Give the variation a name, such as Lavender.", field="variation_name")
    if len(variation_name) > 60:
        raise InvalidRecipe("A variation name is at most 60 characters.", field="variation_name")
    if base.is_archived:
        raise RecipeArchived(f"{base.name} is archived; restore it before adding a variation.")
    source = base.current_version or base.versions.order_by("-number").first()
    if content is None:
        if source is None:
            raise InvalidRecipe(f"{base.name} has no version to copy yet.")
        content = content_of(source)
    name = _clean_name(f"{base.name} – {variation_name}")
    checked = check_content(content, category=base.category)
    with transaction.atomic():
        _lock_and_check_recipe_limit()
        count = Recipe.objects.filter(base=base).count()
        recipe = Recipe(
            name=name,
            category=base.category,
            prefix=_free_prefix(f"{base.prefix[:7]}V{count + 1}"),
            base=base,
            variation_name=variation_name,
            output_item_id=base.output_item_id,
            created_by_id=actor_id,
        )
        return _save_new(recipe, checked, actor_id=actor_id, publish=False, based_on=source)


def save_draft(
    *,
    recipe: Recipe,
    content: VersionContent,
    actor_id: int | None = None,
    publish: bool = False,
) -> RecipeVersion:
    """Write `content` into the recipe's draft, creating the draft (next number, based on the current
    version) when there is none; with `publish`, publish it in the same transaction. Published
    versions are untouched.

    Locks the recipe row. Raises RecipeArchived, InvalidRecipe, InvalidLine (and, publishing,
    NotPublishable); nothing is saved then.
    """
    checked = check_content(content, category=recipe.category, publish=publish)
    with transaction.atomic():
        locked = Recipe.objects.select_for_update().get(pk=recipe.pk)
        if locked.is_archived:
            raise RecipeArchived(f"{locked.name} is archived; restore it before editing.")
        draft = locked.versions.filter(status=RecipeVersion.Status.DRAFT).first()
        if draft is None:
            number = (locked.versions.aggregate(top=Max("number"))["top"] or 0) + 1
            draft = RecipeVersion(
                recipe=locked,
                number=number,
                based_on_id=locked.current_version_id,
                created_by_id=actor_id,
            )
        else:
            draft.lines.all().delete()
        _fill(draft, checked)
        draft.save()
        _write_lines(draft, checked)
        Recipe.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        if publish:
            draft = publish_version(version=draft, actor_id=actor_id)
    return draft


def publish_version(*, version: RecipeVersion, actor_id: int | None = None) -> RecipeVersion:
    """Publish a draft: it becomes immutable and the recipe's current version.

    Re-checks the lines (an item may have been archived since) and that nothing is missing (yield,
    its unit, lines: NotPublishable names them all). Locks the recipe, then the version.
    Raises VersionLocked (already published), NotPublishable, RecipeArchived, InvalidLine.
    """
    with transaction.atomic():
        recipe = Recipe.objects.select_for_update().get(pk=version.recipe_id)
        locked = RecipeVersion.objects.select_for_update().get(pk=version.pk)
        if recipe.is_archived:
            raise RecipeArchived(f"{recipe.name} is archived; restore it before publishing.")
        if locked.is_published:
            raise VersionLocked(f"Version {locked.number} of {recipe.name} is already published.")
        lines = list(locked.lines.select_related("item").order_by("position"))
        check_content(content_of(locked, lines=lines), category=recipe.category, publish=True)
        now = timezone.now()
        locked.status = RecipeVersion.Status.PUBLISHED
        locked.published_at = now
        locked.save(update_fields=["status", "published_at"])
        recipe.current_version = locked
        recipe.updated_at = now
        recipe.save(update_fields=["current_version", "updated_at"])
    version.status, version.published_at = locked.status, locked.published_at
    return locked


def discard_draft(*, version: RecipeVersion) -> None:
    """Delete a draft version and its lines. Raises VersionLocked for a published version and
    InvalidRecipe when it is the recipe's only version."""
    with transaction.atomic():
        Recipe.objects.select_for_update().get(pk=version.recipe_id)
        locked = RecipeVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_published:
            raise VersionLocked(
                "Published versions are kept for good; only a draft can be discarded."
            )
        trials = locked.batches.count()
        if trials:
            raise InvalidRecipe(
                f"This draft has {trials} trial run{'s' if trials != 1 else ''} on record, so it "
                "is kept. Edit it, or publish it when the trials went well."
            )
        if (
            not RecipeVersion.objects.filter(recipe_id=locked.recipe_id)
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise InvalidRecipe(
                "This draft is the recipe's only version. Archive the recipe instead."
            )
        locked.lines.all().delete()
        locked.delete()


def update_recipe(
    *,
    recipe: Recipe,
    name: str,
    category: str,
    prefix: str,
    output_item_id: int | None,
    containers: ContainerChoice | None = None,
) -> Recipe:
    """Change the unversioned fields (name, category, batch-code prefix, default output and, when
    `containers` is given, the containers its batches may be filled into and the fill %).

    Batches keep the name and code they were planned and started with. Raises InvalidRecipe,
    DuplicateRecipeName, DuplicatePrefix, RecipeArchived.
    """
    name = _clean_name(name)
    category = _clean_category(category)
    prefix = _clean_prefix(prefix)
    output = _output_item(output_item_id)
    chosen = check_container_choice(containers) if containers is not None else None
    try:
        with transaction.atomic():
            locked = Recipe.objects.select_for_update().get(pk=recipe.pk)
            if locked.is_archived:
                raise RecipeArchived(f"{locked.name} is archived; restore it before editing.")
            locked.name, locked.category, locked.prefix = name, category, prefix
            locked.output_item = output
            locked.updated_at = timezone.now()
            locked.save()
            if chosen is not None:
                apply_container_choice(locked, *chosen)
    except IntegrityError as exc:
        raise _integrity(exc, name=name, prefix=prefix)
    return locked


def archive_recipe(*, recipe: Recipe) -> Recipe:
    """Hide a recipe from lists and planning; its versions and batches stay readable."""
    with transaction.atomic():
        locked = Recipe.objects.select_for_update().get(pk=recipe.pk)
        locked.is_archived = True
        locked.updated_at = timezone.now()
        locked.save(update_fields=["is_archived", "updated_at"])
    return locked


def restore_recipe(*, recipe: Recipe) -> Recipe:
    """Bring an archived recipe back (counts toward the recipe limit again).

    Locks the organization row (the recipe limit, see billing.gates.lock_and_check_limit), then the
    recipe row. Raises LimitReached (nothing changes then) and DuplicateRecipeName/DuplicatePrefix.
    """
    try:
        with transaction.atomic():
            # The recipe itself is left out of the count: restoring a recipe that is already
            # active adds nothing.
            _lock_and_check_recipe_limit(exclude=recipe.pk)
            locked = Recipe.objects.select_for_update().get(pk=recipe.pk)
            locked.is_archived = False
            locked.updated_at = timezone.now()
            locked.save(update_fields=["is_archived", "updated_at"])
    except IntegrityError as exc:
        raise _integrity(exc, name=recipe.name, prefix=recipe.prefix)
    return locked


def _lock_and_check_recipe_limit(exclude: int | None = None) -> None:
    """The recipe limit, with the organization row locked until the caller's transaction ends."""
    lock_and_check_limit(
        organization=active_tenant(),
        limit="recipes",
        # exclude(pk=None) excludes nothing, as meant; the stubs reject None for pk.
        count=lambda: Recipe.objects.filter(is_archived=False).exclude(pk=exclude).count(),  # type: ignore[misc]
    )


def content_of(version: RecipeVersion, *, lines=None) -> VersionContent:
    """A version's content, to copy into a new draft or a variation."""
    lines = lines if lines is not None else version.lines.order_by("position")
    return VersionContent(
        yield_quantity=version.yield_quantity,
        yield_unit=version.yield_unit,
        lines=[LineInput(line.item_id, line.quantity, line.unit, line.note) for line in lines],
        portion_name=version.portion_name,
        instructions=version.instructions,
        tags=list(version.tags),
        category_data=dict(version.category_data),
        shelf_life_days=version.shelf_life_days,
        cure_days=version.cure_days,
    )


# --- helpers ----------------------------------------------------------------------------------


def _save_new(
    recipe: Recipe,
    checked: CheckedContent,
    *,
    actor_id: int | None,
    publish: bool,
    based_on: RecipeVersion | None = None,
) -> Recipe:
    try:
        with transaction.atomic():
            recipe.save()
            now = timezone.now()
            version = RecipeVersion(
                recipe=recipe, number=1, created_by_id=actor_id, based_on=based_on
            )
            _fill(version, checked)
            # Lines go in while the version is a draft: a published version's lines are frozen.
            version.save()
            _write_lines(version, checked)
            if publish:
                version.status, version.published_at = RecipeVersion.Status.PUBLISHED, now
                version.save(update_fields=["status", "published_at"])
                recipe.current_version = version
                recipe.save(update_fields=["current_version"])
    except IntegrityError as exc:
        recipe.pk = None
        raise _integrity(exc, name=recipe.name, prefix=recipe.prefix)
    return recipe


def _fill(version: RecipeVersion, checked: CheckedContent) -> None:
    version.yield_quantity = checked.yield_quantity
    version.yield_unit = checked.yield_unit
    version.portion_name = checked.portion_name
    version.instructions = checked.instructions
    version.tags = checked.tags
    version.category_data = checked.category_data
    version.shelf_life_days = checked.shelf_life_days
    version.cure_days = checked.cure_days
    version.change_note = checked.change_note


def _write_lines(version: RecipeVersion, checked: CheckedContent) -> None:
    RecipeLine.objects.bulk_create(
        RecipeLine(
            version=version,
            position=position,
            item=line.item,
            quantity=line.quantity,
            unit=line.unit,
            note=line.note,
        )
        for position, line in enumerate(checked.lines, start=1)
    )


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if len(name) < 2:
        raise InvalidRecipe("Give the recipe a name of at least 2 characters.", field="name")
    if len(name) > 100:
        raise InvalidRecipe("A recipe name is at most 100 characters.", field="name")
    return name


def _clean_category(category: str) -> str:
    if category not in Category.values:
        raise InvalidRecipe(
            f"Choose a category: {', '.join(label.lower() for label in Category.labels)}.",
            field="category",
        )
    return category


def _clean_prefix(prefix: str) -> str:
    prefix = (prefix or "").strip().upper()
    if not PREFIX_RE.match(prefix):
        raise InvalidRecipe(
            "The batch-code prefix is 2 to 10 letters or digits, such as LAV or CNDL.",
            field="prefix",
        )
    return prefix


def _prefix_from_name(name: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name.upper())
    if not words:
        return "RCP"
    if len(words) == 1:
        return words[0][:4].ljust(2, "X")
    initials = "".join(word[0] for word in words)[:4]
    return initials if len(initials) >= 2 else (words[0][:3] + words[1][:1])


def _free_prefix(wanted: str) -> str:
    """`wanted`, or `wanted` with the smallest number appended that no other recipe uses."""
    wanted = wanted[:10]
    taken = {
        p.upper()
        for p in Recipe.objects.filter(prefix__istartswith=wanted[:8]).values_list(
            "prefix", flat=True
        )
    }
    if wanted not in taken:
        return wanted
    for n in range(2, 1000):
        candidate = f"{wanted[: 10 - len(str(n))]}{n}"
        if candidate not in taken:
            return candidate
    raise DuplicatePrefix("Choose a batch-code prefix yourself; the generated ones are all taken.")


def _output_item(item_id: int | None) -> Item | None:
    if item_id is None:
        return None
    item = Item.objects.filter(pk=item_id, is_archived=False).first()
    if item is None:
        raise InvalidRecipe(
            "Choose the default output from this workspace's active items.", field="output_item"
        )
    return item


def _integrity(exc: IntegrityError, *, name: str, prefix: str) -> Exception:
    text = str(exc)
    if "recipes_recipe_unique_name" in text:
        return DuplicateRecipeName(
            f"There is already a recipe called {name}. Choose another name, or edit that recipe.",
            field="name",
        )
    if "recipes_recipe_unique_prefix" in text:
        return DuplicatePrefix(
            f"Another recipe already uses the batch-code prefix {prefix}. Choose another one.",
            field="prefix",
        )
    return exc
