"""The integration checks page: what is configured and working, never a secret."""

from __future__ import annotations

import pytest
import requests
import responses
import stripe
from django.core import mail

from outbox.models import OutboxMessage
from staff.integrations import (
    FAILING,
    GOOGLE_DISCOVERY,
    OK,
    WARNING,
    celery_check,
    google_check,
    outbox_check,
    pending_migration_count,
    stripe_check,
)
from tests.billing import stripe_objects as so
from tests.billing.stripe_fake import FakeStripe
from tests.conftest import public_client

STRIPE_KEY = "sk_test_" + "s" * 32
DISCOVERY = {
    "issuer": "https://accounts.google.com",
    "authorization_endpoint": "https://accounts.google.com/o/oauth2/v2/auth",
}


@pytest.fixture
def fake_stripe(settings):
    """Stripe's HTTP API faked (as billing's tests do); the account answers by default."""
    settings.STRIPE_TEST_SECRET_KEY = STRIPE_KEY
    previous = stripe.default_http_client
    fake = FakeStripe()
    fake.put("/v1/account", so.ACCOUNT)
    stripe.default_http_client = fake
    yield fake
    stripe.default_http_client = previous


@pytest.fixture
def google(settings):
    """Google's HTTP faked: nothing leaves the machine; the discovery document answers."""
    settings.GOOGLE_CLIENT_ID = "client-id-123.apps.example"
    settings.GOOGLE_CLIENT_SECRET = "google-secret-value"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as fake:
        yield fake


def test_stripe_check_calls_stripe_and_reports_an_accepted_key(db, fake_stripe):
    check = stripe_check()
    assert check.state == WARNING  # no webhook endpoint recorded yet
    assert check.detail == (
        "Secret key set (test mode); Stripe accepts it; 0 webhook endpoint(s); "
        "no webhook received yet."
    )
    assert [r.path for r in fake_stripe.calls("GET")] == ["/v1/account"]


def test_stripe_check_fails_when_stripe_refuses_the_key(db, fake_stripe):
    fake_stripe.on(
        "GET",
        "/v1/account",
        lambda request: (
            401,
            {
                "error": {
                    "type": "invalid_request_error",
                    "message": f"Invalid API Key {STRIPE_KEY}",
                }
            },
        ),
    )
    check = stripe_check()
    assert check.state == FAILING
    assert "Stripe refuses the key" in check.detail
    assert "sk_test" not in check.detail


def test_stripe_check_reports_an_outage_plainly(db, fake_stripe):
    fake_stripe.on("GET", "/v1/account", lambda request: (500, {"error": {"type": "api_error"}}))
    check = stripe_check()
    assert check.state == FAILING
    assert "Stripe did not answer the check: APIError (HTTP 500)" in check.detail


def test_google_check_fetches_the_openid_configuration(google):
    google.get(GOOGLE_DISCOVERY, json=DISCOVERY)
    check = google_check()
    assert check.state == OK
    assert check.detail.startswith("Client secret set; Google answers (")
    assert len(google.calls) == 1
    assert google.calls[0].request.url == GOOGLE_DISCOVERY


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ({"status": 503}, "could not be fetched (HTTPError)"),
        ({"body": requests.ConnectTimeout()}, "could not be fetched (ConnectTimeout)"),
        ({"body": "<html>"}, "is not valid JSON"),
        ({"json": {"issuer": "x"}}, "has no authorization endpoint"),
    ],
)
def test_google_check_fails_plainly_when_google_does_not_answer(google, answer, words):
    google.get(GOOGLE_DISCOVERY, **answer)
    check = google_check()
    assert check.state == FAILING
    assert check.detail == f"Client secret set; Google's sign-in configuration {words}."


def test_page_shows_states_without_secrets(db, staff_user, settings, fake_stripe, google):
    google.get(GOOGLE_DISCOVERY, json=DISCOVERY)
    response = public_client(staff_user).get("/staff/integrations/")
    assert response.status_code == 200
    text = response.content.decode()
    for name in (
        "Email",
        "Stripe",
        "Google sign-in",
        "File storage",
        "Redis",
        "Celery beat",
        "Celery workers",
        "Outbox",
        "Migrations",
    ):
        assert f"<td>{name}</td>" in text
    for secret in ("sk_test_", "google-secret-value", "client-id-123"):
        assert secret not in text


def test_send_a_test_email(db, staff_user):
    response = public_client(staff_user).post("/staff/integrations/")
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert f"Sent to {staff_user.email}." in response.content.decode()


def test_no_workspace_has_pending_migrations(org_a, org_b):
    behind, total = pending_migration_count()
    assert behind == 0 and total >= 2


def test_outbox_backlog_is_counted(db):
    assert outbox_check().state == "ok"
    OutboxMessage.objects.create(task_name="outbox.tasks.flush_outbox", schema_name="public")
    check = outbox_check()
    assert check.state == "warning" and check.detail.startswith("1 task(s) waiting")


def test_celery_never_seen(db):
    from outbox.models import PeriodicRun

    PeriodicRun.objects.all().delete()
    assert [c.state for c in celery_check()] == ["warning", "warning"]


def test_non_staff_are_sent_to_the_admin_login(db):
    from tests.conftest import make_user

    response = public_client(make_user()).get("/staff/integrations/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
