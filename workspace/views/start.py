"""Start a batch, guided, one decision per step: which recipe -> how much -> is there enough stock
(and how to fix a shortfall) -> start it, with an undo right after.

Thin views over the batches' services: `plan_batch` freezes the plan at step 2, `start_batch` takes the
stock at step 4, `cancel_batch` discards a plan or undoes a start (everything returns to its lots).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batches.errors import StockShort
from batches.models import Batch
from batches.selectors import batch_record, batch_row, batch_stock_check, largest_batch
from batches.services import cancel_batch, plan_batch, start_batch
from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404
from recipes.selectors import recipe_list, recipe_to_make, version_with_lines
from recipes.services import scale_version
from recipes.stock_planning import capacity
from workspace.forms import OTHER, BatchSizeForm
from workspace.text import plural

STEPS = ("Recipe", "How much", "Stock check", "Start")


def _steps(current: int) -> list[tuple[int, str, str]]:
    """(number, name, state) for the step indicator: state is done, current or todo."""
    return [
        (n, name, "done" if n < current else "current" if n == current else "todo")
        for n, name in enumerate(STEPS, start=1)
    ]


def _follow(batch: Batch):
    """Where a batch that is no longer a plan belongs: its started page or its own page."""
    if batch.status == Batch.Status.IN_PROGRESS:
        return redirect("guide:started", pk=batch.pk)
    return redirect("batches:detail", pk=batch.pk)


@permission_required("batches.run")
def choose_recipe(request):
    every = list(recipe_list())
    recipes = [r for r in every if r.current_version_id]
    return render(
        request,
        "workspace/start_recipe.html",
        {"recipes": recipes, "steps": _steps(1), "drafts_only": len(every) - len(recipes)},
    )


@permission_required("batches.run")
def choose_size(request, recipe_pk: int):
    recipe = found_or_404(recipe_to_make, "recipe", recipe_pk)
    version = recipe.current_version
    if version is None or recipe.is_archived:
        messages.error(
            request,
            f"{recipe.name} has no published version to make yet. Publish it first."
            if version is None
            else f"{recipe.name} is archived; restore it to make it again.",
        )
        return redirect("recipes:detail", pk=recipe.pk)
    version = version_with_lines(version.pk)
    label = plural(version.portion_name) if version.portion_name else version.yield_unit
    form = BatchSizeForm(
        request.POST or None,
        yield_quantity=version.yield_quantity,
        yield_label=label,
        initial={"size": "1", "target_unit": version.yield_unit},
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = plan_batch(version=version, actor_id=request.user.pk, **form.plan_kwargs())
        except DomainError as exc:
            field = None  # a preset size can only fail as a whole
            if form.cleaned_data["size"] == OTHER and exc.field:
                field = "target" if exc.field == "target" else "factor"
            form.add_error(field, exc.message)
        else:
            return redirect("guide:check", pk=batch.pk)
    allows = None
    if version.lines.all():
        try:
            scaled = scale_version(version=version, factor=1, lines=list(version.lines.all()))
        except DomainError:
            scaled = None
        if scaled is not None:
            allows = capacity(scaled)
    return render(
        request,
        "workspace/start_size.html",
        {
            "recipe": recipe,
            "version": version,
            "form": form,
            "capacity": allows,
            "yield_label": label,
            "steps": _steps(2),
        },
    )


@permission_required("batches.run")
def check(request, pk: int):
    batch = found_or_404(batch_record, "batch", pk)
    if batch.status != Batch.Status.PLANNED:
        return _follow(batch)
    stock = batch_stock_check(batch)
    return render(
        request,
        "workspace/start_check.html",
        {
            "batch": batch,
            "rows": stock.rows,
            "short": stock.short,
            "fixes": stock.fixes,
            "broken": stock.broken,
            "ready": stock.ready,
            "largest": largest_batch(batch, stock),
            "steps": _steps(3),
        },
    )


@permission_required("batches.run")
def confirm(request, pk: int):
    batch = found_or_404(batch_record, "batch", pk)
    if batch.status != Batch.Status.PLANNED:
        return _follow(batch)
    if request.method == "POST":
        try:
            started = start_batch(batch=batch, actor_id=request.user.pk)
        except StockShort as exc:
            messages.error(request, exc.message)
            return redirect("guide:check", pk=batch.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("guide:check", pk=batch.pk)
        messages.success(request, f"Batch {started.code} started; its stock is taken.")
        return redirect("guide:started", pk=batch.pk)
    stock = batch_stock_check(batch)
    if not stock.ready:
        return redirect("guide:check", pk=batch.pk)
    return render(
        request,
        "workspace/start_confirm.html",
        {"batch": batch, "rows": stock.rows, "steps": _steps(4)},
    )


@permission_required("batches.view")
def started(request, pk: int):
    batch = found_or_404(batch_record, "batch", pk)
    if batch.status == Batch.Status.PLANNED:
        return redirect("guide:check", pk=batch.pk)
    return render(request, "workspace/start_started.html", {"batch": batch})


@require_POST
@permission_required("batches.run")
def undo(request, pk: int):
    """Undo a start: cancel the running batch; everything it took goes back to its own lots."""
    batch = found_or_404(batch_row, "batch", pk)
    if batch.status != Batch.Status.IN_PROGRESS:
        messages.error(
            request, f"Batch {batch.display_code} isn't running, so there's nothing to undo."
        )
        return redirect("batches:detail", pk=batch.pk)
    try:
        cancel_batch(batch=batch, reason="Undone right after starting", actor_id=request.user.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("batches:detail", pk=batch.pk)
    messages.success(
        request,
        f"Undone: batch {batch.code} is cancelled and everything it used is back where it came from.",
    )
    return redirect("dashboard")


@require_POST
@permission_required("batches.run")
def discard(request, pk: int):
    """Throw away a plan (nothing was taken); `smaller` goes back to choosing the size, or with
    `make` (the most the stock allows, from the check) plans that much instead, both or neither."""
    batch = found_or_404(batch_row, "batch", pk)
    if batch.status != Batch.Status.PLANNED:
        return _follow(batch)
    make = (
        request.POST.get("make", "").strip()[:30] if request.POST.get("then") == "smaller" else ""
    )
    try:
        with transaction.atomic():
            cancel_batch(batch=batch, reason="Discarded while planning", actor_id=request.user.pk)
            if make:
                smaller = plan_batch(
                    version=batch.version,
                    target_quantity=make,
                    target_unit=batch.yield_unit,
                    actor_id=request.user.pk,
                )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("guide:check", pk=batch.pk)
    if make:
        messages.info(request, f"Planned a smaller batch instead: {smaller.display_code}.")
        return redirect("guide:check", pk=smaller.pk)
    if request.POST.get("then") == "smaller":
        messages.info(request, "That plan is discarded. Choose a smaller amount.")
        return redirect("guide:size", recipe_pk=batch.recipe_id)
    messages.info(request, "That plan is discarded; no stock was used.")
    return redirect("guide:start")
