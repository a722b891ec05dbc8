"""Two beat processes started by mistake send each periodic job once: one leads (a Redis lease,
tenants/beat_leader.py), the other stands by, and takes over when the first stops."""

from __future__ import annotations

from batchtrack.celery import app
from tenants.beat_leader import KEY, RENEW_EVERY, BeatLeader
from tests.jobs.test_schedule import _counts, low_in_both, scheduler  # noqa: F401

LOW_STOCK = "alerts-low-stock@__all_tenants_only__"


def spy_sends(beat) -> list[list[str]]:
    sent: list[list[str]] = []
    original = beat.send

    def send(entry, schemas, **kwargs):
        sent.append(list(schemas))
        return original(entry, schemas, **kwargs)

    beat.send = send
    return sent


def test_only_the_leading_beat_sends_a_due_entry(org_a, org_b, low_in_both):  # noqa: F811
    first, second = scheduler(), scheduler()
    first_sent, second_sent = spy_sends(first), spy_sends(second)

    first.apply_entry(first.schedule[LOW_STOCK])
    second.apply_entry(second.schedule[LOW_STOCK])

    assert first_sent == [first.schemas_for(first.schedule[LOW_STOCK])]
    assert {"acme", "globex"} <= set(first_sent[0])
    assert second_sent == []
    assert _counts(org_a) == (1, 1) and _counts(org_b) == (1, 1)


def test_the_standby_takes_over_when_the_leader_stops_or_its_lease_runs_out():
    first, second = BeatLeader(app.conf.broker_url), BeatLeader(app.conf.broker_url)
    assert first.hold() and first.hold()  # renewing its own lease
    assert not second.hold()

    first.release()  # a clean stop gives the lead up at once
    assert second.hold() and not first.hold()

    second.client.delete(KEY)  # what a crashed leader's lease does after LEASE seconds
    assert first.hold() and not second.hold()


def test_a_beat_wakes_often_enough_to_renew_its_lease(db):
    beat = scheduler()
    assert beat.tick() <= RENEW_EVERY
    assert beat.leader.leading
    beat.close()
    assert not beat.leader.leading


def test_without_redis_no_beat_leads():
    assert not BeatLeader("redis://127.0.0.1:1/0").hold()
