"""Running timers count down in the browser without a reload, and turn Overdue when they run out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from batches.models import BatchTimer
from batches.services import plan_batch, start_timer
from tests.concurrency import committed_acme  # noqa: F401 - fixture
from tests.conftest import make_member
from tests.e2e.workspace_pages import sign_in
from tests.recipes.factories import make_item, make_recipe

pytestmark = pytest.mark.e2e


def test_a_running_timer_counts_down_and_turns_overdue(page: Page, live_port, committed_acme):  # noqa: F811
    recipe = make_recipe("Castile soap", [(make_item("Olive oil"), "100", "g")])
    batch = plan_batch(version=recipe.current_version)
    timer = start_timer(batch=batch, name="Gel phase", duration=timedelta(minutes=1))
    # 55 s of its minute already gone: it runs out a few seconds after the page loads.
    BatchTimer.objects.filter(pk=timer.pk).update(
        running_since=timezone.now() - timedelta(seconds=55)
    )
    sign_in(page, make_member(committed_acme, "production"), "acme.localhost")
    # The browser's clock is Playwright's: the page's seconds pass when the test says, not in real
    # time (the countdown reads Date.now() and ticks on setInterval, both driven by it).
    page.clock.install()
    page.goto(f"http://acme.localhost:{live_port}/batches/{batch.pk}/")
    item = page.locator("[data-timer]", has_text="Gel phase")
    expect(item.locator("[data-timer-badge]")).to_have_text("Running")
    countdown = item.locator("[data-due]")
    first = int(countdown.inner_text().removesuffix(" s"))
    assert 0 < first <= 5
    page.clock.run_for(1000)
    expect(countdown).to_have_text(f"{first - 1} s")  # it ticks, a second a second
    page.clock.run_for(first * 1000)
    expect(item.locator("[data-timer-badge]")).to_have_text("Overdue")
    expect(countdown).to_have_text("0 s")
