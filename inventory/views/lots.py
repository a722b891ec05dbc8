"""Correcting a lot (a delivery or a batch's output): its dates, supplier and cost, and releasing its
cure early. Role-gated like adjustments; every change is recorded (`inventory.services.correct_lot`)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from batchtrack.access import permission_required
from batchtrack.errors import DomainError
from batchtrack.view_helpers import found_or_404, show_error
from inventory import selectors
from inventory.lot_forms import LotCorrectionForm
from inventory.services import correct_lot, release_cure
from inventory.shelf_life import day_words


@permission_required("inventory.adjust")
def lot_correct(request, lot_id: int):
    lot = found_or_404(selectors.lot_with_item, "lot", lot_id)
    form = LotCorrectionForm(request.POST or None, lot=lot)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            correct_lot(
                lot=lot, note=form.cleaned_data["note"], actor_id=request.user.pk, **changes
            )
        except DomainError as exc:
            show_error(form, exc)
        else:
            messages.success(request, f"{lot.code} of {lot.item.name} is corrected.")
            return redirect("inventory:detail", pk=lot.item_id)
    status = 400 if form.is_bound else 200
    return render(request, "inventory/lot_correct.html", {"lot": lot, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("inventory.adjust")
def lot_release(request, lot_id: int):
    """A page that asks, then a POST that ends the cure now (the link a curing shortfall offers)."""
    lot = found_or_404(selectors.lot_with_item, "lot", lot_id)
    # The page the maker came from (a refused sale), to go back to once the cure is over.
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST":
        try:
            release_cure(lot=lot, note=request.POST.get("note", "")[:500], actor_id=request.user.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"The cure of {lot.code} is over: {lot.item.name} is ready to sell."
            )
        return redirect(back or reverse("inventory:detail", args=[lot.item_id]))
    until = day_words(lot.hold_until) if lot.is_curing() else None
    return render(request, "inventory/lot_release.html", {"lot": lot, "until": until, "back": back})
