"""The public recipe library inside a workspace: browse the recipes other makers shared, read one,
import it (a private draft copy), see its cover; and publish one of this workspace's recipes. Every
page follows the `recipe_library` feature flag (staff/flags.py): while it is off for a workspace they
do not exist there (404)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batchtrack.access import permission_required
from batchtrack.actions import perform
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from library import selectors
from library.forms import PublishRecipeForm, RecipeLibraryQuery
from library.services import publish_recipe
from library.storage import cover_type, platform_files
from recipes.selectors import recipe_detail
from recipes.services import import_shared_recipe
from staff.flags import flag_required

SHOWN = 60


@flag_required("recipe_library")
@permission_required("recipes.view")
def recipe_library(request):
    search = RecipeLibraryQuery(request.GET).values["q"]
    return render(
        request,
        "library/recipe_library.html",
        {"recipes": selectors.listed_recipes(search)[:SHOWN], "q": search},
    )


@flag_required("recipe_library")
@permission_required("recipes.view")
def shared_recipe(request, pk: int):
    shared = found_or_404(selectors.listed_recipe, "shared recipe", pk)
    return render(request, "library/shared_recipe.html", {"shared": shared})


@flag_required("recipe_library")
@permission_required("recipes.view")
def shared_cover(request, pk: int):
    shared = found_or_404(selectors.listed_recipe, "shared recipe", pk)
    if not shared.cover:
        raise Http404("No cover")
    with platform_files(), shared.cover.open("rb") as cover:
        data = cover.read()  # at most 2 MB (MAX_COVER_BYTES); read while the schema is public
    return FileResponse(io.BytesIO(data), content_type=cover_type(data))


@flag_required("recipe_library")
@require_POST
@permission_required("recipes.edit")
def shared_import(request, pk: int):
    shared = found_or_404(selectors.listed_recipe, "shared recipe", pk)
    recipe = perform(
        request,
        lambda: import_shared_recipe(shared=shared, actor_id=request.user.pk),
        success=lambda r: (
            f"{r.name} is in your recipes as a private draft. Check its lines, then publish it."
        ),
    )
    if recipe is None:
        return redirect("library:recipe", pk=pk)
    return redirect("recipes:detail", pk=recipe.pk)


@flag_required("recipe_library")
@permission_required("library.publish")
def share_recipe(request, recipe_pk: int):
    recipe = found_or_404(recipe_detail, "recipe", recipe_pk)
    form = PublishRecipeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            shared = publish_recipe(
                organization=request.tenant,
                recipe=recipe,
                description=form.cleaned_data["description"],
                cover=form.cleaned_data["cover"],
                actor_id=request.user.pk,
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{shared.name} is in the public recipe library.")
            return redirect("library:recipe", pk=shared.pk)
    return render(request, "library/share_recipe.html", {"recipe": recipe, "form": form})
