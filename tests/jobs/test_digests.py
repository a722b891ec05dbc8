"""Email digests: exact content, sent around 7:00 in the reader's time zone, once a day, per preference.

The hourly dispatcher is run as its task (eager) with "now" passed in; the digest email goes out through
the outbox after commit, as in production.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from smtplib import SMTPServerDisconnected
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from inventory import services as inventory
from notifications import tasks
from notifications.models import Digest
from notifications.services import deliver_digest, set_digest_frequency
from notifications.texts import format_moment
from notifications.zones import UTC as ZONE_UTC
from tenants.models import Membership
from tests.conftest import make_member, make_user
from tests.jobs.conftest import (
    NOW,
    lot_expiring_at,
    low_item,
    running_timer,
    set_time_zone,
)

AUCKLAND_7AM = datetime(2031, 1, 14, 18, 0, tzinfo=UTC)  # 07:00 NZDT on 15 January
NEW_YORK_7AM = datetime(2031, 1, 15, 12, 0, tzinfo=UTC)  # 07:00 EST on 15 January


class BrokenSMTP(BaseEmailBackend):
    """A mail server that drops the connection (only the SMTP side is faked)."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def attention(expiry_alerts):
    """Two low items (one partly reserved), a lot expiring soon, an expired lot, an overdue timer."""
    beeswax = low_item("Beeswax", on_hand="600", threshold="500")
    inventory.reserve(item=beeswax, quantity="150", reference=("order", 7))
    low_item("Lavender oil", on_hand="120", threshold="500")
    shea = lot_expiring_at(
        "Shea butter", datetime(2031, 1, 20, 23, 30, tzinfo=UTC), supplier_lot_code="SB-9"
    )
    olive = lot_expiring_at("Olive oil", datetime(2031, 1, 10, 12, 0, tzinfo=UTC), quantity="500")
    timer = running_timer("Gel phase", minutes=60)
    return {"shea": shea, "olive": olive, "timer": timer}


def dispatch(capture, at: datetime) -> dict:
    with capture(execute=True):
        return tasks.dispatch_digests.delay(now=at.isoformat()).get()


def expected_body(found, *, expires: str, expired: str, zone) -> str:
    timer = found["timer"]
    due = format_moment(timer.running_since + timedelta(minutes=60), zone)
    return (
        "Here is what needs attention in Acme Soap Works today.\n"
        "\n"
        "Low stock (2)\n"
        "- Beeswax: 450 g free (600 g on hand, 150 g reserved), below your threshold of 500 g\n"
        "- Lavender oil: 120 g on hand, below your threshold of 500 g\n"
        "\n"
        "Lots expiring within 30 days (1)\n"
        f"- Shea butter, lot L{found['shea'].pk} (supplier lot SB-9): 2,000 g left, "
        f"expires {expires}\n"
        "\n"
        "Expired lots (1)\n"
        f"- Olive oil, lot L{found['olive'].pk}: 500 g left, expired {expired}; "
        "production no longer uses it\n"
        "\n"
        "Timers due (1)\n"
        f'- "Gel phase" on batch Plan #{timer.batch_id}: due since {due}\n'
        "\n"
        "Your notifications: http://acme.localhost/notifications/\n"
        "Change or turn off this email: http://acme.localhost/notifications/preferences/\n"
    )


def test_digest_content_is_exact(attention, org_a, django_capture_on_commit_callbacks):
    reader = make_member(org_a, "production", "reader@example.com")

    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 1}

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.com"]
    assert message.subject == "Acme Soap Works: 5 things need your attention"
    assert message.from_email == "Acme Soap Works via BatchTrack <hello@batchtrack.local>"
    assert message.body == expected_body(
        attention, expires="20 Jan 2031", expired="10 Jan 2031", zone=ZONE_UTC
    )
    digest = Digest.objects.get()
    assert (digest.user_id, digest.day, digest.body) == (reader.pk, date(2031, 1, 15), message.body)
    assert digest.sent_at is not None


def test_digest_dates_and_hour_follow_the_users_time_zone(
    attention, org_a, django_capture_on_commit_callbacks
):
    kiwi = make_user("kiwi@example.com", time_zone="Pacific/Auckland")
    Membership.objects.create(user=kiwi, organization=org_a, role="owner")

    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 0}  # 20:00 there
    assert dispatch(django_capture_on_commit_callbacks, AUCKLAND_7AM) == {"digests": 1}
    assert mail.outbox[0].to == ["kiwi@example.com"]
    assert mail.outbox[0].body == expected_body(
        attention,
        expires="21 Jan 2031",
        expired="11 Jan 2031",
        zone=ZoneInfo("Pacific/Auckland"),
    )
    assert Digest.objects.get().day == date(2031, 1, 15)


def test_without_a_zone_of_their_own_the_workspaces_applies(
    attention, org_a, django_capture_on_commit_callbacks
):
    set_time_zone(org_a, "America/New_York")
    make_member(org_a, "viewer", "nyc@example.com")

    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 0}  # 02:00 there
    assert dispatch(django_capture_on_commit_callbacks, NEW_YORK_7AM) == {"digests": 1}
    assert mail.outbox[0].to == ["nyc@example.com"]
    assert Digest.objects.get().day == date(2031, 1, 15)


@pytest.mark.parametrize("hour", [6, 8])
def test_no_digest_outside_seven_oclock(attention, org_a, django_capture_on_commit_callbacks, hour):
    make_member(org_a, "owner")
    assert dispatch(django_capture_on_commit_callbacks, NOW.replace(hour=hour)) == {"digests": 0}
    assert mail.outbox == []


def test_a_digest_missed_at_seven_goes_out_at_the_next_run_until_noon(
    attention, org_a, django_capture_on_commit_callbacks
):
    make_member(org_a, "owner")
    six = NOW.replace(hour=6)  # the workspace's zone is UTC
    assert dispatch(django_capture_on_commit_callbacks, six) == {"digests": 0}
    # The worker was down at 7:00 and 8:00; the 9:00 run covers them.
    late = dispatch(django_capture_on_commit_callbacks, six + timedelta(hours=3))
    assert late == {"digests": 1}
    assert Digest.objects.get().day == date(2031, 1, 15)
    assert dispatch(django_capture_on_commit_callbacks, six + timedelta(hours=4)) == {"digests": 0}


def test_a_digest_is_dropped_when_the_worker_comes_back_after_noon(
    attention, org_a, django_capture_on_commit_callbacks
):
    make_member(org_a, "owner")
    six = NOW.replace(hour=6)
    dispatch(django_capture_on_commit_callbacks, six)
    assert dispatch(django_capture_on_commit_callbacks, six + timedelta(hours=7)) == {"digests": 0}
    assert mail.outbox == []


def test_dispatching_again_sends_nothing_twice(
    attention, org_a, django_capture_on_commit_callbacks
):
    make_member(org_a, "owner")
    make_member(org_a, "admin")
    dispatch(django_capture_on_commit_callbacks, NOW)

    again = dispatch(django_capture_on_commit_callbacks, NOW + timedelta(minutes=30))

    assert again == {"digests": 0}
    assert len(mail.outbox) == 2
    assert Digest.objects.count() == 2
    next_day = dispatch(django_capture_on_commit_callbacks, NOW + timedelta(days=1))
    assert next_day == {"digests": 2}
    assert len(mail.outbox) == 4


def test_digest_preference_off_and_back_on(attention, org_a, django_capture_on_commit_callbacks):
    member = make_member(org_a, "owner")
    set_digest_frequency(user_id=member.pk, frequency="off")
    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 0}

    set_digest_frequency(user_id=member.pk, frequency="daily")
    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 1}


def test_no_digest_when_nothing_needs_attention(acme, org_a, django_capture_on_commit_callbacks):
    make_member(org_a, "owner")
    low_item("Lye", on_hand="1000", threshold="500")
    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 0}
    assert Digest.objects.count() == 0


def test_inactive_and_former_members_get_no_digest(
    attention, org_a, org_b, django_capture_on_commit_callbacks
):
    inactive = make_member(org_a, "owner")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    make_member(org_b, "owner")
    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 0}


def test_a_failed_send_is_kept_for_the_retry_and_sent_once(
    attention, org_a, django_capture_on_commit_callbacks
):
    make_member(org_a, "owner", "owner@example.com")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        tasks.dispatch_digests.delay(now=NOW.isoformat())
    assert len(queued) == 1  # the send, waiting for the commit
    digest = Digest.objects.get()

    broken = override_settings(EMAIL_BACKEND="tests.jobs.test_digests.BrokenSMTP")
    with broken, pytest.raises(SMTPServerDisconnected):
        deliver_digest(digest_id=digest.pk)
    digest.refresh_from_db()
    assert digest.sent_at is None

    assert deliver_digest(digest_id=digest.pk) is True
    assert deliver_digest(digest_id=digest.pk) is False
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


def test_the_free_plans_digest_tells_of_expired_lots_but_not_of_lots_expiring_soon(
    attention, org_a, django_capture_on_commit_callbacks
):
    from billing.services.complimentary import end_complimentary

    end_complimentary(organization=org_a, ended_by=None)
    org_a.refresh_from_db()
    make_member(org_a, "production", "reader@example.com")

    assert dispatch(django_capture_on_commit_callbacks, NOW) == {"digests": 1}

    body = mail.outbox[0].body
    assert "Lots expiring within" not in body and "Shea butter" not in body
    assert "Expired lots (1)" in body and "Low stock (2)" in body
