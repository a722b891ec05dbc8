"""Traceability pages: one lot's trace back and forward, and the recall page."""

from __future__ import annotations

from django.shortcuts import render

from batches.forms import RecallForm
from batches.selectors import lot_to_trace, recall_candidates
from batches.traceability import trace_back, trace_forward
from batchtrack.access import permission_required
from batchtrack.view_helpers import found_or_404
from sales.selectors import buyers_of


@permission_required("batches.view")
def lot_trace(request, lot_id: int):
    lot = found_or_404(lot_to_trace, "lot", lot_id)
    return render(
        request,
        "batches/lot_trace.html",
        {"lot": lot, "back": trace_back(lot), "forward": trace_forward(lot)},
    )


@permission_required("batches.view")
def recall(request):
    """Find a lot (by its code L123, or a supplier's lot code) and list every product lot made from
    it, with what remains of each, and the customers and orders that received stock from them."""
    search = RecallForm(request.GET).values
    query = search["q"]
    candidates, trace, buyers = [], None, []
    if query:
        candidates = recall_candidates(query)
        chosen = search["lot"]
        selected = next((c for c in candidates if c.pk == chosen), None)
        if selected is None and len(candidates) == 1:
            selected = candidates[0]
        if selected is not None:
            trace = trace_forward(selected)
            buyers = buyers_of([selected.pk, *(affected.lot.pk for affected in trace.made)])
    return render(
        request,
        "batches/recall.html",
        {"q": query, "candidates": candidates, "trace": trace, "buyers": buyers},
    )
