"""Start a batch, guided, one decision per step: which recipe -> how much -> is there enough stock
(and how to fix a shortfall) -> start it, with an undo right after.

Thin views over the batches' services: `plan_batch` freezes the plan at step 2, `start_batch` takes the
stock at step 4, `cancel_batch` discards a plan or undoes a start (everything returns to its lots).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from batches.errors import StockShort
from batches.models import Batch
from batches.selectors import batch_record
from batches.services import cancel_batch, plan_batch, start_batch
from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from inventory.services import ConsumeLine, StockStatus, check_stock
from recipes.models import Recipe
from recipes.selectors import recipe_list, version_with_lines
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


def _recipe_or_404(pk: int) -> Recipe:
    recipe = Recipe.objects.select_related("current_version").filter(pk=pk).first()
    if recipe is None:
        raise Http404("No such recipe")
    return recipe


def _batch_or_404(pk: int) -> Batch:
    try:
        return batch_record(pk)
    except Batch.DoesNotExist:
        raise Http404("No such batch")


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
    recipe = _recipe_or_404(recipe_pk)
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


def _checks(batch: Batch):
    """(line, check) for each planned line, from inventory's stock check (usable, unreserved)."""
    lines = [line for line in batch.lines.all() if not line.is_extra]
    if not lines:
        return [], StockStatus.OK
    result = check_stock(lines=[ConsumeLine(line.item_id, line.stock_quantity) for line in lines])
    return list(zip(lines, result.lines, strict=True)), result.status


@dataclass(frozen=True)
class Fix:
    item_id: int
    name: str
    shortfall: Decimal  # what to receive, in `unit` (the item's stock unit)
    unit: str


def _fixes(short) -> list[Fix]:
    """One "receive this much" per short item (lines of the same item added up)."""
    found: dict[int, Fix] = {}
    for line, c in short:
        before = found.get(line.item_id)
        total = c.shortfall + (before.shortfall if before else Decimal("0"))
        found[line.item_id] = Fix(line.item_id, line.item.name, total, c.unit)
    return list(found.values())


@permission_required("batches.run")
def check(request, pk: int):
    batch = _batch_or_404(pk)
    if batch.status != Batch.Status.PLANNED:
        return _follow(batch)
    rows, status = _checks(batch)
    short = [(line, c) for line, c in rows if c.status == StockStatus.SHORT]
    broken = [(line, c) for line, c in rows if c.status == StockStatus.ERROR]
    return render(
        request,
        "workspace/start_check.html",
        {
            "batch": batch,
            "rows": rows,
            "short": short,
            "fixes": _fixes(short),
            "broken": broken,
            "ready": status in (StockStatus.OK, StockStatus.LOW),
            "steps": _steps(3),
        },
    )


@permission_required("batches.run")
def confirm(request, pk: int):
    batch = _batch_or_404(pk)
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
    rows, status = _checks(batch)
    if status not in (StockStatus.OK, StockStatus.LOW):
        return redirect("guide:check", pk=batch.pk)
    return render(
        request,
        "workspace/start_confirm.html",
        {"batch": batch, "rows": rows, "steps": _steps(4)},
    )


@permission_required("batches.view")
def started(request, pk: int):
    batch = _batch_or_404(pk)
    if batch.status == Batch.Status.PLANNED:
        return redirect("guide:check", pk=batch.pk)
    return render(request, "workspace/start_started.html", {"batch": batch})


@require_POST
@permission_required("batches.run")
def undo(request, pk: int):
    """Undo a start: cancel the running batch; everything it took goes back to its own lots."""
    batch = get_object_or_404(Batch, pk=pk)
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
        f"Undone: batch {batch.code} is cancelled and everything it used is back on its lots.",
    )
    return redirect("dashboard")


@require_POST
@permission_required("batches.run")
def discard(request, pk: int):
    """Throw away a plan (nothing was taken); `smaller` goes back to choosing the size."""
    batch = get_object_or_404(Batch, pk=pk)
    if batch.status != Batch.Status.PLANNED:
        return _follow(batch)
    try:
        cancel_batch(batch=batch, reason="Discarded while planning", actor_id=request.user.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("guide:check", pk=batch.pk)
    if request.POST.get("then") == "smaller":
        messages.info(request, "That plan is discarded. Choose a smaller amount.")
        return redirect("guide:size", recipe_pk=batch.recipe_id)
    messages.info(request, "That plan is discarded; no stock was used.")
    return redirect("guide:start")
