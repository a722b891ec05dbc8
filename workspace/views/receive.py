"""Receiving stock from a guided flow: choose which item arrived (then inventory's own receive page),
or, from a batch's stock check, receive exactly what is short and come back to the check.

Both go through inventory: its ReceiveForm, its live preview and its `receive` service.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import redirect, render

from batches.models import Batch
from batchtrack.access import permission_required
from inventory import page_selectors, units
from inventory.forms import ReceiveForm
from inventory.models import Item
from inventory.services import ConsumeLine, check_stock
from inventory.views.receive import receive_from_form
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


def _shortfall(batch: Batch, item: Item):
    """How much of `item` the plan still lacks, in the item's stock unit (zero when covered)."""
    lines = [line for line in batch.lines.all() if not line.is_extra and line.item_id == item.pk]
    if not lines:
        return None
    needed = sum((line.stock_quantity for line in lines), start=Decimal("0"))
    result = check_stock(lines=[ConsumeLine(item.pk, needed)])
    return result.lines[0].shortfall


@permission_required("inventory.receive")
def receive_for_batch(request, pk: int, item_pk: int):
    batch = Batch.objects.prefetch_related("lines").filter(pk=pk).first()
    item = Item.objects.filter(pk=item_pk).first()
    if batch is None or item is None:
        raise Http404("No such batch or item")
    short = _shortfall(batch, item)
    if short is None or batch.status != Batch.Status.PLANNED or not item.is_tracked:
        return redirect("guide:check", pk=batch.pk)
    initial = {"unit": item.stock_unit, "quantity": units.format_amount(short).replace(",", "")}
    form = ReceiveForm(request.POST or None, initial=initial)
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
