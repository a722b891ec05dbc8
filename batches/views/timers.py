"""Timers: start one on a batch, pause, resume or complete it, and the workspace's list of running
timers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from batches import selectors
from batches.forms import TimerForm
from batches.services import complete_timer, pause_timer, resume_timer, start_timer
from batchtrack.access import permission_required
from batchtrack.actions import perform
from batchtrack.view_helpers import found_or_404


@require_POST
@permission_required("batches.run")
def timer_start(request, pk: int):
    batch = found_or_404(selectors.batch_row, "batch", pk)
    form = TimerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Name the timer and give its length in days, hours and minutes.")
        return redirect("batches:detail", pk=pk)
    perform(
        request,
        lambda: start_timer(
            batch=batch,
            name=form.cleaned_data["name"],
            duration=form.duration(),
            actor_id=request.user.pk,
        ),
    )
    return redirect("batches:detail", pk=pk)


def _timer_action(request, timer_id: int, action):
    timer = found_or_404(selectors.timer, "timer", timer_id)
    perform(request, lambda: action(timer=timer))
    back = request.POST.get("next", "")
    if back == "timers":
        return redirect("batches:timers")
    return redirect("batches:detail", pk=timer.batch_id)


@require_POST
@permission_required("batches.run")
def timer_pause(request, timer_id: int):
    return _timer_action(request, timer_id, pause_timer)


@require_POST
@permission_required("batches.run")
def timer_resume(request, timer_id: int):
    return _timer_action(request, timer_id, resume_timer)


@require_POST
@permission_required("batches.run")
def timer_complete(request, timer_id: int):
    return _timer_action(request, timer_id, complete_timer)


@permission_required("batches.view")
def timer_list(request):
    timers = selectors.open_timers()
    return render(
        request,
        "batches/timer_list.html",
        {
            "overdue": [t for t in timers if t.is_overdue()],
            "running": [t for t in timers if not t.is_overdue()],
        },
    )
