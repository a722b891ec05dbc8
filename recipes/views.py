"""Recipe pages: list, create, view (with scaling, cost estimate and planning), edit the draft, publish,
variations, settings, archive."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from batches.selectors import recipe_batches
from batchtrack.access import permission_required
from batchtrack.actions import perform
from batchtrack.errors import DomainError
from batchtrack.glossary import unit_words
from batchtrack.tags import clean_tag_filter
from batchtrack.view_helpers import found_or_404, show_error
from inventory.page_selectors import unit_options
from inventory.services import costing_method
from recipes import selectors
from recipes.cost_words import both_methods, line_cost
from recipes.forms import (
    RecipeCategoryQuery,
    RecipeFilterForm,
    RecipeForm,
    RecipeVersionQuery,
    ScaleForm,
    VariationForm,
    VersionForm,
    line_formset,
    typed_lines,
)
from recipes.models import Category, Recipe, RecipeVersion
from recipes.services import (
    ContainerChoice,
    archive_recipe,
    create_recipe,
    create_variation,
    discard_draft,
    duplicate_recipe,
    estimate_cost,
    publish_version,
    restore_recipe,
    save_draft,
    scale_version,
    update_recipe,
)
from recipes.stock_planning import plan, shopping_total


def _version_url(recipe_pk: int, version_pk: int) -> str:
    return reverse("recipes:detail", args=[recipe_pk]) + f"?version={version_pk}"


@permission_required("recipes.view")
def recipe_list(request):
    query = RecipeFilterForm(request.GET).values
    show_archived, tag = query["archived"], clean_tag_filter(query["tag"])
    return render(
        request,
        "recipes/recipe_list.html",
        {
            "recipes": selectors.recipe_list(
                include_archived=show_archived, search=query["q"], tag=tag
            ),
            "show_archived": show_archived,
            "q": query["q"],
            "tag": tag,
            "tags": selectors.recipe_tags(),
        },
    )


def _editor(request, *, recipe: Recipe | None, version: RecipeVersion | None, template: str):
    """The create and edit pages share one editor: recipe fields (create only), version fields and
    lines. Returns a response."""
    # A new recipe's category decides which category fields the form shows (?category=soap).
    category = (
        recipe.category
        if recipe
        else (request.POST.get("category") or RecipeCategoryQuery(request.GET).values["category"])
    )
    if category not in Category.values:
        category = "other"
    if request.method == "POST" and recipe is None and "change_kind" in request.POST:
        # Another kind: the same page with its fields, keeping what was typed (nothing is judged
        # or saved yet, so no errors either).
        typed = request.POST.dict()
        info = RecipeForm(initial=typed, redraw_url=request.path)
        form = VersionForm(initial=typed, category=category)
        lines = line_formset(typed=typed_lines(request.POST))
    elif request.method == "POST":
        info = RecipeForm(request.POST, redraw_url=request.path) if recipe is None else None
        form = VersionForm(request.POST, category=category)
        lines = line_formset(request.POST)
        more = "add_lines" in request.POST
        valid = form.is_valid() & lines.is_valid() & (info is None or info.is_valid())
        if more and lines.is_valid():
            data = request.POST.copy()
            data["lines-TOTAL_FORMS"] = str(lines.total_form_count() + 4)
            lines = line_formset(data)
            valid = False
        if valid:
            publish = "publish" in request.POST
            content = form.content(lines.line_inputs())
            try:
                if recipe is None:
                    output = info.cleaned_data["output_item"]
                    recipe = create_recipe(
                        name=info.cleaned_data["name"],
                        category=info.cleaned_data["category"],
                        content=content,
                        prefix=info.cleaned_data["prefix"],
                        output_item_id=output.pk if output else None,
                        actor_id=request.user.pk,
                        publish=publish,
                    )
                    saved = recipe.versions.get()
                else:
                    saved = save_draft(
                        recipe=recipe, content=content, actor_id=request.user.pk, publish=publish
                    )
            except DomainError as exc:
                show_error(
                    info
                    if exc.field in ("name", "category", "prefix", "output_item") and info
                    else form,
                    exc,
                )
            else:
                if publish:
                    messages.success(request, f"{recipe.name} v{saved.number} is published.")
                else:
                    messages.success(
                        request,
                        f"Draft v{saved.number} of {recipe.name} is saved; publish it when ready.",
                    )
                return redirect(_version_url(recipe.pk, saved.pk))
    else:
        info = (
            RecipeForm(initial={"category": category}, redraw_url=request.path)
            if recipe is None
            else None
        )
        form = VersionForm(initial=VersionForm.initial_from(version), category=category)
        lines = line_formset(version=version)
    return render(
        request,
        template,
        {
            "recipe": recipe,
            "version": version,
            "info": info,
            "form": form,
            "lines": lines,
            "unit_options": unit_options(),
            "category": category,
        },
    )


@permission_required("recipes.edit")
def recipe_create(request):
    return _editor(request, recipe=None, version=None, template="recipes/recipe_form.html")


@permission_required("recipes.edit")
def recipe_edit(request, pk: int):
    recipe = found_or_404(selectors.recipe_detail, "recipe", pk)
    if recipe.is_archived:
        messages.error(request, f"{recipe.name} is archived; restore it before editing.")
        return redirect("recipes:detail", pk=recipe.pk)
    start = selectors.editable_version(recipe)
    start = selectors.with_lines(start, recipe=recipe) if start else None
    return _editor(request, recipe=recipe, version=start, template="recipes/recipe_form.html")


@permission_required("recipes.view")
def recipe_detail(request, pk: int):
    recipe = found_or_404(selectors.recipe_detail, "recipe", pk)
    versions = list(recipe.versions.all())
    wanted = RecipeVersionQuery(request.GET).values["version"]
    chosen = next((v for v in versions if v.pk == wanted), None) if wanted else None
    chosen = chosen or recipe.current_version or (versions[0] if versions else None)
    version = selectors.with_lines(chosen, recipe=recipe) if chosen else None
    scale_form = ScaleForm(request.GET or None)
    context = {
        "recipe": recipe,
        "versions": versions,
        "version": version,
        "scale_form": scale_form,
        "draft": next((v for v in versions if not v.is_published), None),
    }
    context["batches"], context["trials"] = recipe_batches(recipe.pk)
    if version is not None and version.lines.all():
        factor, target, target_unit, batches = "1", None, None, 1
        if scale_form.is_valid():
            data = scale_form.cleaned_data
            if data["target"]:
                factor, target, target_unit = None, data["target"], data["target_unit"] or None
            elif data["factor"]:
                factor = data["factor"]
            batches = data["batches"] or 1
        try:
            scaled = scale_version(
                version=version,
                factor=factor,
                target_quantity=target,
                target_unit=target_unit,
                lines=list(version.lines.all()),
            )
        except DomainError as exc:
            context["scale_error"] = exc.message
        else:
            allows, shopping = plan(scaled, batches)
            estimate = estimate_cost(version=version, scaled=scaled)
            method = costing_method()
            main_cost, other_cost = both_methods(estimate, method)
            per = version.portion_name or unit_words(scaled.yield_unit, 1)
            context.update(
                cost_sentence=main_cost.sentence(per),
                other_cost_sentence=other_cost.sentence(per),
                scaled=scaled,
                estimate=estimate,
                main_cost=main_cost,
                other_cost=other_cost,
                cost_rows=[
                    (scaled_line, cost, *line_cost(cost, method))
                    for scaled_line, cost in zip(scaled.lines, estimate.lines, strict=True)
                ],
                plan_factor=factor,
                plan_target=target,
                plan_target_unit=target_unit or version.yield_unit,
                capacity=allows,
                shopping=shopping,
                shopping_total=shopping_total(shopping),
                shopping_batches=batches,
            )
    return render(request, "recipes/recipe_detail.html", context)


@permission_required("recipes.edit")
def recipe_settings(request, pk: int):
    recipe = found_or_404(selectors.recipe_detail, "recipe", pk)
    initial = {
        "name": recipe.name,
        "category": recipe.category,
        "prefix": recipe.prefix,
        "output_item": recipe.output_item_id,
        "allowed_containers": list(recipe.allowed_containers.values_list("pk", flat=True)),
        "fill_pct": "" if recipe.fill_pct is None else recipe.fill_pct.normalize(),
    }
    form = RecipeForm(request.POST or None, initial=initial, require_prefix=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        output = data["output_item"]
        try:
            update_recipe(
                recipe=recipe,
                name=data["name"],
                category=data["category"],
                prefix=data["prefix"],
                output_item_id=output.pk if output else None,
                containers=ContainerChoice(
                    [c.pk for c in data["allowed_containers"]], data["fill_pct"]
                ),
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "Recipe settings saved.")
            return redirect("recipes:detail", pk=recipe.pk)
    return render(request, "recipes/recipe_settings.html", {"recipe": recipe, "form": form})


@require_POST
@permission_required("recipes.edit")
def recipe_duplicate(request, pk: int):
    recipe = found_or_404(selectors.recipe_detail, "recipe", pk)
    copy = perform(
        request,
        lambda: duplicate_recipe(recipe=recipe, actor_id=request.user.pk),
        success=lambda c: f"{c.name} is an independent copy of {recipe.name}, as a draft.",
    )
    return redirect("recipes:detail", pk=copy.pk if copy else recipe.pk)


@require_POST
@permission_required("recipes.edit")
def version_publish(request, pk: int, version_id: int):
    version = found_or_404(selectors.version_of, "version", version_id, recipe_id=pk)
    perform(
        request,
        lambda: publish_version(version=version, actor_id=request.user.pk),
        f"v{version.number} is published and is now the current version.",
    )
    return redirect(_version_url(pk, version.pk))


@require_POST
@permission_required("recipes.edit")
def version_discard(request, pk: int, version_id: int):
    version = found_or_404(selectors.version_of, "version", version_id, recipe_id=pk)
    try:
        discard_draft(version=version)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_version_url(pk, version.pk))
    messages.success(request, f"Draft v{version.number} was discarded.")
    return redirect("recipes:detail", pk=pk)


@permission_required("recipes.edit")
def variation_create(request, pk: int):
    base = found_or_404(selectors.recipe_detail, "recipe", pk)
    form = VariationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            variation = create_variation(
                base=base,
                variation_name=form.cleaned_data["variation_name"],
                actor_id=request.user.pk,
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request,
                f"{variation.name} starts as a draft copy of {base.name}; edit and publish it.",
            )
            return redirect("recipes:edit", pk=variation.pk)
    return render(request, "recipes/variation_form.html", {"recipe": base, "form": form})


@require_POST
@permission_required("recipes.edit")
def recipe_archive(request, pk: int):
    recipe = found_or_404(selectors.plain_recipe, "recipe", pk)
    archive_recipe(recipe=recipe)
    messages.success(request, f"{recipe.name} is archived. Its versions and batches stay readable.")
    return redirect("recipes:detail", pk=pk)


@require_POST
@permission_required("recipes.edit")
def recipe_restore(request, pk: int):
    recipe = found_or_404(selectors.plain_recipe, "recipe", pk)
    perform(
        request, lambda: restore_recipe(recipe=recipe), f"{recipe.name} is back in the recipe list."
    )
    return redirect("recipes:detail", pk=pk)
