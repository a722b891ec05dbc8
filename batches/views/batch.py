"""Batch pages: list, plan, the batch page (start, extras, notes, finish, cancel, fail) and the
printable record. Timers are in `timers.py`, traceability in `trace.py`."""

from __future__ import annotations

from datetime import timedelta

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from batches import selectors
from batches.container_options import fill_proposal
from batches.errors import StockShort
from batches.forms import (
    BatchFilterForm,
    ExtraForm,
    FinishForm,
    NoteForm,
    OutputFormSet,
    PlanForm,
    ReasonForm,
    StartForm,
    TimerForm,
    UnusedContainersForm,
)
from batches.label_data import ifra_check
from batches.models import Batch
from batches.services import (
    ContainerCount,
    OutputInput,
    add_extra,
    add_note,
    cancel_batch,
    fail_batch,
    fill_containers,
    finish_batch,
    plan_batch,
    start_batch,
)
from batchtrack.access import permission_required
from batchtrack.actions import perform
from batchtrack.errors import DomainError
from batchtrack.forms import day_of, start_of_day
from batchtrack.view_helpers import found_or_404
from inventory import units
from inventory.display import format_quantity, input_amount
from inventory.page_selectors import unit_options
from recipes.selectors import version_of


@permission_required("batches.view")
def batch_list(request):
    query = BatchFilterForm(request.GET).values
    status = query["status"]
    return render(
        request,
        "batches/batch_list.html",
        {
            "batches": selectors.batch_list(status=status, search=query["q"])[:200],
            "status": status,
            "statuses": Batch.Status.choices,
            "q": query["q"],
        },
    )


@permission_required("batches.run")
def batch_plan(request, version_id: int):
    version = found_or_404(version_of, "recipe version", version_id)
    form = PlanForm(request.POST or None, initial={"factor": "1"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = data["target"].strip() or None
        try:
            batch = plan_batch(
                version=version,
                factor=None if target else (data["factor"].strip() or "1"),
                target_quantity=target,
                target_unit=data["target_unit"].strip() or None,
                note=data["note"],
                actor_id=request.user.pk,
                trial=not version.is_published,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            kind = "a trial run" if batch.is_trial else "a batch"
            messages.success(
                request, f"Planned {kind} of {batch.recipe_name} v{batch.version_number}."
            )
            return redirect("batches:detail", pk=batch.pk)
    return render(request, "batches/batch_plan.html", {"version": version, "form": form})


def _qr_svg(request, batch: Batch) -> str:
    url = request.build_absolute_uri(reverse("batches:detail", args=[batch.pk]))
    return segno.make(url, error="m").svg_inline(scale=3, title=f"QR code for {batch.display_code}")


def _render_detail(request, batch: Batch, *, status: int = 200, **extra):
    context = {
        "batch": batch,
        "qr_svg": mark_safe(_qr_svg(request, batch)),
        "timer_form": TimerForm(),
        "note_form": NoteForm(),
        "unit_options": unit_options(),
        **extra,
    }
    if batch.status == Batch.Status.PLANNED:
        context["checks"] = selectors.batch_stock_check(batch).rows
        context["fill"] = fill_proposal(batch)
        context["ifra_warnings"] = ifra_check(batch)
    if batch.status == Batch.Status.IN_PROGRESS:
        context["extra_form"] = ExtraForm()
    return render(request, "batches/batch_detail.html", context, status=status)


@permission_required("batches.view")
def batch_detail(request, pk: int):
    return _render_detail(request, found_or_404(selectors.batch_record, "batch", pk))


@permission_required("batches.view")
def batch_record(request, pk: int):
    batch = found_or_404(selectors.batch_record, "batch", pk)
    return render(
        request,
        "batches/batch_record.html",
        {"batch": batch, "qr_svg": mark_safe(_qr_svg(request, batch))},
    )


@require_POST
@permission_required("batches.run")
def batch_start(request, pk: int):
    batch = found_or_404(selectors.batch_row, "batch", pk)
    form = StartForm(request.POST, positions=batch.lines.values_list("position", flat=True))
    if not form.is_valid():
        messages.error(request, "Choose the ingredients to skip from the list.")
        return redirect("batches:detail", pk=pk)
    try:
        started = start_batch(
            batch=batch,
            skip_positions=form.cleaned_data["skip"],
            skip_reason=form.cleaned_data["skip_reason"],
            actor_id=request.user.pk,
        )
    except StockShort as exc:
        # Show the plan again with the short lines ticked, ready to skip with a reason.
        short = sorted(p for positions in exc.line_positions.values() for p in positions)
        return _render_detail(
            request,
            found_or_404(selectors.batch_record, "batch", pk),
            start_error=exc,
            short_positions=short,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Batch {started.code} started; its stock is taken.")
    return redirect("batches:detail", pk=pk)


@require_POST
@permission_required("batches.run")
def batch_containers(request, pk: int):
    """Put the chosen containers on a planned batch (the counts of its fill proposal)."""
    batch = found_or_404(selectors.batch_row, "batch", pk)
    counts = [
        ContainerCount(int(name.removeprefix("count_")), value.strip())
        for name, value in request.POST.items()
        if name.startswith("count_") and name[6:].isdigit() and value.strip() not in ("", "0")
    ]
    perform(
        request,
        lambda: fill_containers(batch=batch, containers=counts, actor_id=request.user.pk),
        success="The containers are on the plan; starting the batch takes them from stock.",
    )
    return redirect("batches:detail", pk=pk)


@permission_required("batches.run")
def batch_finish(request, pk: int):
    batch = found_or_404(selectors.batch_record, "batch", pk)
    if batch.status != Batch.Status.IN_PROGRESS:
        messages.error(
            request,
            f"Batch {batch.display_code} is {batch.get_status_display().lower()}; only a running batch can be finished.",
        )
        return redirect("batches:detail", pk=pk)
    # The proposal is for the recipe's output item, the output the form starts with.
    expiry = selectors.output_expiry(batch=batch, item=batch.recipe.output_item, now=timezone.now())
    containers = selectors.batch_containers(batch)
    if request.method == "POST":
        form = FinishForm(request.POST)
        outputs = OutputFormSet(request.POST, prefix="outputs", containers=containers)
        unused = UnusedContainersForm(request.POST, containers=containers)
        if form.is_valid() and outputs.is_valid() and unused.is_valid():
            rows = [_output_input(o.cleaned_data) for o in outputs.forms if not o.is_blank()]
            try:
                finish_batch(
                    batch=batch,
                    actual_yield=form.cleaned_data["actual_yield"],
                    outputs=rows,
                    unused_containers=[ContainerCount(pk, n) for pk, n in unused.counts()],
                    expires_at=start_of_day(form.cleaned_data["expires_on"]),
                    hold_until=start_of_day(form.cleaned_data["cure_until"]),
                    note=form.cleaned_data["note"],
                    actor_id=request.user.pk,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, f"Batch {batch.code} is finished and its output is on the shelf."
                )
                return redirect("batches:detail", pk=pk)
    else:
        cure = timezone.localdate() + timedelta(days=batch.cure_days) if batch.cure_days else None
        form = FinishForm(
            initial={
                "actual_yield": input_amount(batch.planned_yield),
                "expires_on": day_of(expiry.expires_at),
                "cure_until": cure,
            }
        )
        first = {}
        if batch.recipe.output_item_id:
            first = {
                "item": batch.recipe.output_item_id,
                "quantity": input_amount(batch.planned_yield),
                "unit": batch.yield_unit,
            }
            if len(containers) == 1:  # filled into the one container the batch took
                first["container"] = containers[0].pk
        outputs = OutputFormSet(prefix="outputs", initial=[first, {}, {}], containers=containers)
        unused = UnusedContainersForm(containers=containers)
    return render(
        request,
        "batches/batch_finish.html",
        {
            "batch": batch,
            "form": form,
            "outputs": outputs,
            "unused": unused,
            "expiry": expiry,
            "unit_options": unit_options(),
        },
    )


def _output_input(data: dict) -> OutputInput:
    return OutputInput(
        data["item"].pk if data.get("item") else None,
        (data.get("quantity") or "").strip(),
        (data.get("unit") or "").strip() or None,
        (data.get("yield_share") or "").strip() or None,
        container_id=data["container"].pk if data.get("container") else None,
        container_count=(data.get("container_count") or "").strip() or None,
    )


@require_POST
@permission_required("batches.run")
def batch_cancel(request, pk: int):
    batch = found_or_404(selectors.batch_row, "batch", pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    perform(
        request,
        lambda: cancel_batch(batch=batch, reason=reason, actor_id=request.user.pk),
        f"Batch {batch.display_code} is cancelled"
        + (" and everything it used is back on its lots." if batch.code else "."),
    )
    return redirect("batches:detail", pk=pk)


@require_POST
@permission_required("batches.run")
def batch_fail(request, pk: int):
    batch = found_or_404(selectors.batch_row, "batch", pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    perform(
        request,
        lambda: fail_batch(batch=batch, reason=reason, actor_id=request.user.pk),
        lambda failed: (
            f"Batch {failed.code} is marked as failed; "
            f"{units.money(failed.loss_value)} of stock is recorded as lost."
        ),
    )
    return redirect("batches:detail", pk=pk)


@require_POST
@permission_required("batches.run")
def batch_extra(request, pk: int):
    batch = found_or_404(selectors.batch_row, "batch", pk)
    form = ExtraForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an item and enter how much was added.")
        return redirect("batches:detail", pk=pk)
    data = form.cleaned_data
    perform(
        request,
        lambda: add_extra(
            batch=batch,
            item_id=data["item"].pk,
            quantity=data["quantity"],
            unit=data["unit"] or data["item"].stock_unit,
            note=data["note"],
            actor_id=request.user.pk,
        ),
        lambda line: f"Added {format_quantity(line.quantity, line.unit)} {line.item.name}.",
    )
    return redirect("batches:detail", pk=pk)


@require_POST
@permission_required("batches.run")
def batch_note(request, pk: int):
    batch = found_or_404(selectors.batch_row, "batch", pk)
    text = request.POST.get("text", "")
    perform(request, lambda: add_note(batch=batch, text=text, author_id=request.user.pk))
    return redirect("batches:detail", pk=pk)
