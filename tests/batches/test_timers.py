"""Timers: pausing really stops the clock; running and overdue timers are listed for the workspace."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from batches.errors import InvalidTimer
from batches.selectors import open_timers
from batches.services import (
    cancel_batch,
    complete_timer,
    pause_timer,
    plan_batch,
    resume_timer,
    start_timer,
)
from tests.recipes.factories import make_item, make_recipe


class Clock:
    def __init__(self):
        self.now = timezone.now()

    def advance(self, **kwargs):
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(timezone, "now", lambda: fake.now)
    return fake


@pytest.fixture
def batch(acme):
    oil = make_item("Olive oil")
    recipe = make_recipe("Soap", [(oil, "100", "g")])
    return plan_batch(version=recipe.current_version)


def test_pause_stops_the_clock_and_resume_continues(batch, clock):
    timer = start_timer(batch=batch, name="Gel phase", duration=timedelta(hours=24))
    clock.advance(hours=2)
    timer = pause_timer(timer=timer)
    assert timer.accumulated == timedelta(hours=2)
    clock.advance(hours=10)  # paused: none of this counts
    timer.refresh_from_db()
    assert timer.elapsed() == timedelta(hours=2)
    assert timer.remaining() == timedelta(hours=22)
    timer = resume_timer(timer=timer)
    clock.advance(hours=3)
    timer.refresh_from_db()
    assert timer.elapsed() == timedelta(hours=5)
    assert timer.due_at() == clock.now + timedelta(hours=19)
    done = complete_timer(timer=timer)
    clock.advance(hours=100)
    done.refresh_from_db()
    assert (done.status, done.elapsed(), done.is_overdue()) == (
        "completed",
        timedelta(hours=5),
        False,
    )


def test_overdue_and_running_timers_are_listed(batch, clock):
    short = start_timer(batch=batch, name="Pour", duration=timedelta(minutes=30))
    long = start_timer(batch=batch, name="Cure", duration=timedelta(days=28))
    paused = start_timer(batch=batch, name="Rest", duration=timedelta(hours=1))
    pause_timer(timer=paused)
    finished = start_timer(batch=batch, name="Done", duration=timedelta(minutes=5))
    complete_timer(timer=finished)
    clock.advance(hours=1)
    timers = open_timers()
    assert [t.name for t in timers] == ["Pour", "Rest", "Cure"]
    assert [t.name for t in timers if t.is_overdue()] == ["Pour"]
    assert short.pk in {t.pk for t in timers} and long.pk in {t.pk for t in timers}


@pytest.mark.parametrize(
    ("name", "duration", "message"),
    [
        ("", timedelta(hours=1), 'Name the timer, for example "Gel phase".'),
        ("Gel", timedelta(0), "A timer must run for more than zero minutes."),
        ("Gel", timedelta(days=400), "A timer can run for at most a year."),
    ],
)
def test_bad_timers_are_refused(batch, name, duration, message):
    with pytest.raises(InvalidTimer) as caught:
        start_timer(batch=batch, name=name, duration=duration)
    assert caught.value.message == message


def test_illegal_timer_steps_are_refused(batch):
    timer = start_timer(batch=batch, name="Gel", duration=timedelta(hours=1))
    with pytest.raises(InvalidTimer, match="isn't paused"):
        resume_timer(timer=timer)
    complete_timer(timer=timer)
    with pytest.raises(InvalidTimer, match="already complete"):
        complete_timer(timer=timer)
    with pytest.raises(InvalidTimer, match="isn't running"):
        pause_timer(timer=timer)
    cancel_batch(batch=batch)
    with pytest.raises(InvalidTimer, match="is cancelled"):
        start_timer(batch=batch, name="Late", duration=timedelta(hours=1))
