"""Reads for batch pages: lists and the full record, with their joins applied (no N+1)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from batches.models import Batch, BatchDraw, BatchLine, BatchOutput, BatchTimer


def batch_list(*, status: str = "", search: str = "") -> QuerySet[Batch]:
    qs = Batch.objects.select_related("recipe")
    if status:
        qs = qs.filter(status=status)
    if search:
        text = search.strip()
        qs = qs.filter(Q(code__icontains=text) | Q(recipe_name__icontains=text))
    return qs.order_by("-planned_at", "-id")


def batch_record(pk: int) -> Batch:
    """A batch with lines (items, draws with lots), outputs, notes and timers; raises DoesNotExist."""
    draws = BatchDraw.objects.select_related("lot").order_by("id")
    lines = (
        BatchLine.objects.select_related("item")
        .prefetch_related(Prefetch("draws", queryset=draws))
        .order_by("position")
    )
    return (
        Batch.objects.select_related("recipe", "version")
        .prefetch_related(
            Prefetch("lines", queryset=lines),
            Prefetch("outputs", queryset=BatchOutput.objects.select_related("item", "lot")),
            "notes",
            Prefetch("timers", queryset=BatchTimer.objects.order_by("started_at", "id")),
        )
        .get(pk=pk)
    )


def open_timers() -> list[BatchTimer]:
    """Running and paused timers of the workspace, soonest due first (overdue ones at the top)."""
    timers = list(
        BatchTimer.objects.exclude(status=BatchTimer.Status.COMPLETED).select_related("batch")
    )
    return sorted(timers, key=lambda t: (t.remaining(), t.pk))
