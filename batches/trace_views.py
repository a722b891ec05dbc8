"""Traceability pages: one lot's trace back and forward, and the recall page."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from batches.forms import RecallForm
from batches.traceability import trace_back, trace_forward
from batchtrack.access import permission_required
from inventory.models import Lot


@permission_required("batches.view")
def lot_trace(request, lot_id: int):
    lot = Lot.objects.select_related("item").filter(pk=lot_id).first()
    if lot is None:
        raise Http404("No such lot")
    return render(
        request,
        "batches/lot_trace.html",
        {"lot": lot, "back": trace_back(lot), "forward": trace_forward(lot)},
    )


@permission_required("batches.view")
def recall(request):
    """Find a lot (by its code L123, or a supplier's lot code) and list every product lot made from
    it, with what remains of each."""
    search = RecallForm(request.GET).values
    query = search["q"]
    candidates, trace = [], None
    if query:
        lookup = Q(supplier_lot_code__iexact=query)
        code = query.upper().removeprefix("L")
        if code.isascii() and code.isdigit():
            lookup |= Q(pk=int(code))
        candidates = list(
            Lot.objects.filter(lookup).select_related("item").order_by("-received_at")[:20]
        )
        chosen = search["lot"]
        selected = next((c for c in candidates if c.pk == chosen), None)
        if selected is None and len(candidates) == 1:
            selected = candidates[0]
        if selected is not None:
            trace = trace_forward(selected)
    return render(
        request, "batches/recall.html", {"q": query, "candidates": candidates, "trace": trace}
    )
