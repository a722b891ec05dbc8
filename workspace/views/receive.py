"""Receiving stock from a guided flow: choose which item arrived (then inventory's own receive page),
or, from a batch's stock check, receive exactly what is short and come back to the check.

Both go through inventory: its receive form (supplier from the directory or typed), its live
preview and its `receive` service.
"""

from __future__ import annotations

from django.shortcuts import redirect, render

from batches.models import Batch
from batches.selectors import batch_stock_check, batch_with_lines
from batchtrack.access import permission_required
from batchtrack.view_helpers import found_or_404
from inventory import page_selectors
from inventory.display import input_amount
from inventory.selectors import plain_item
from inventory.views.receive import receive_form, receive_from_form
from workspace.forms import ItemChoiceForm


@permission_required("inventory.receive")
def choose_item(request):
    """Which item arrived? One choice, then inventory's receive page for it."""
    form = ItemChoiceForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("inventory:receive", pk=form.cleaned_data["item"].pk)
    return render(
        request,
        "workspace/receive_choose.html",
        {"form": form, "has_items": form.fields["item"].queryset.exists()},
    )


@permission_required("inventory.receive")
def receive_for_batch(request, pk: int, item_pk: int):
    batch = found_or_404(batch_with_lines, "batch", pk)
    item = found_or_404(plain_item, "item", item_pk)
    if batch.status != Batch.Status.PLANNED or not item.is_tracked:
        return redirect("guide:check", pk=batch.pk)
    short = batch_stock_check(batch).shortfall_of(item.pk)
    if short is None:
        return redirect("guide:check", pk=batch.pk)
    initial = {"unit": item.stock_unit, "quantity": input_amount(short)}
    form = receive_form(request, item, initial)
    if request.method == "POST" and form.is_valid() and receive_from_form(request, item, form):
        return redirect("guide:check", pk=batch.pk)
    return render(
        request,
        "workspace/start_receive.html",
        {
            "batch": batch,
            "item": item,
            "form": form,
            "short": short,
            "unit_options": page_selectors.unit_options(),
        },
    )
