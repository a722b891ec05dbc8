"""allauth's emails leave through the outbox and a worker, never inside the request (tenants/mail.py).

The broker is the test's own Redis (eager mode off): "sent by a worker" means taken off that queue and
run, as a worker would (tests/platform/broker.py).
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from outbox.models import OutboxMessage
from tenants.mail import InvalidToken, queue_email, seal, send_sealed
from tests.accounts.test_signup import SIGNUP, signup_data
from tests.conftest import make_member, make_user, public_client
from tests.platform.broker import queued, run_queued


def test_a_sign_up_email_is_sent_by_a_worker_after_the_request(
    db, redis_outage, django_capture_on_commit_callbacks
):
    # A sign-up with a taken address: its email goes the way of the new account's confirmation
    # (tests/accounts/test_signup.py), without the seconds a new workspace's schema costs.
    make_user("maker@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = public_client().post(SIGNUP, signup_data())
    assert response.status_code == 302
    assert mail.outbox == []  # the request sent nothing itself
    assert [m["task"] for m in queued(redis_outage)] == ["tenants.tasks.send_account_email"]
    # What waits (and stays in the outbox table for a week) shows neither address nor links.
    stored = str(OutboxMessage.objects.get().args)
    assert "maker@example.com" not in stored
    assert "/accounts/" not in stored

    assert run_queued(redis_outage) == [1]
    assert [m.to for m in mail.outbox] == [["maker@example.com"]]
    assert "http://localhost/accounts/password/reset/" in mail.outbox[0].body


def test_password_reset_email_waits_out_a_redis_outage(
    org_a, redis_outage, django_capture_on_commit_callbacks
):
    from outbox.services import flush_outbox

    make_member(org_a, "owner", email="forgetful@example.com")
    redis_outage.kill()
    with django_capture_on_commit_callbacks(execute=True):
        response = public_client().post(
            "/accounts/password/reset/", {"email": "forgetful@example.com"}
        )
    assert response.status_code == 302
    assert OutboxMessage.objects.get().sent_at is None
    redis_outage.start()
    assert flush_outbox().sent == 1
    assert run_queued(redis_outage) == [1]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_queued_email_keeps_its_parts(db, django_capture_on_commit_callbacks):
    message = EmailMultiAlternatives(
        "Subject", "Plain text", "from@example.com", ["to@example.com"], reply_to=["r@example.com"]
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):  # eager: the task runs at the commit
        assert queue_email(message) == 1
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.from_email, sent.to, sent.reply_to) == (
        "Subject",
        "Plain text",
        "from@example.com",
        ["to@example.com"],
        ["r@example.com"],
    )
    assert sent.alternatives == [("<p>HTML</p>", "text/html")]


def test_an_email_queued_before_a_key_rotation_still_opens(settings):
    fields = {
        "subject": "S",
        "body": "B",
        "content_subtype": "plain",
        "from_email": None,
        "to": ["to@example.com"],
        "cc": [],
        "bcc": [],
        "reply_to": [],
        "headers": {},
        "alternatives": [],
    }
    sealed = seal(fields)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert send_sealed(sealed) == 1
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(InvalidToken):
        send_sealed(sealed)
    assert len(mail.outbox) == 1
