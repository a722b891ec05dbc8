"""Receiving stock into a new lot, with a live preview of what will be stored."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from inventory import page_selectors, selectors
from inventory.display import format_quantity
from inventory.receive_forms import ReceiveForm, ReceivePreviewForm
from inventory.services import preview_receive, receive
from purchasing.selectors import supplier_choices


def receive_form(request, item, initial: dict) -> ReceiveForm:
    """The receive form for `item`, bound on POST: the supplier chosen from the directory (the
    item's usual supplier to start with) or typed."""
    return ReceiveForm(
        request.POST or None,
        initial={"supplier_id": item.usual_supplier_id, **initial},
        suppliers=supplier_choices(),
    )


def receive_from_form(request, item, form) -> bool:
    """Receive what a valid ReceiveForm describes and say so; a refusal becomes a form error."""
    try:
        lot = receive(item=item, actor_id=request.user.pk, **form.service_kwargs())
    except DomainError as exc:
        show_error(form, exc)
        return False
    done = (
        f"Received {format_quantity(lot.quantity_received, item.stock_unit)} of "
        f"{item.name}, kept as {lot.code}."
    )
    following = selectors.next_to_receive()
    if following is not None:
        # Items added but never stocked: the next one is one click away.
        done = format_html(
            '{} Next: <a href="{}">Receive {}</a>.',
            done,
            reverse("inventory:receive", args=[following.pk]),
            following.name,
        )
    messages.success(request, done)
    return True


@permission_required("inventory.receive")
def receive_stock(request, pk: int):
    item = found_or_404(selectors.plain_item, "item", pk)
    form = receive_form(request, item, {"unit": item.stock_unit})
    if request.method == "POST" and form.is_valid() and receive_from_form(request, item, form):
        return redirect("inventory:detail", pk=item.pk)
    return render(
        request,
        "inventory/receive.html",
        {"item": item, "form": form, "unit_options": page_selectors.unit_options()},
    )


@permission_required("inventory.receive")
def receive_preview(request, pk: int):
    """htmx: what the entries would become in the stock unit (nothing is written)."""
    item = found_or_404(selectors.plain_item, "item", pk)
    entries = ReceivePreviewForm(request.GET).values
    quantity = entries["quantity"]
    context = {"item": item, "preview": None, "error": None}
    if quantity:
        try:
            context["preview"] = preview_receive(
                item=item,
                quantity=quantity,
                unit=entries["unit"],
                unit_cost=entries["unit_cost"] or None,
                total_cost=entries["total_cost"] or None,
            )
        except DomainError as exc:
            context["error"] = exc.message
    return render(request, "inventory/partials/receive_preview.html", context)
