"""Emails name BatchTrack (and the workspace, when about one), never the host a request came in on."""

from __future__ import annotations

from django.core import mail

from tenants.mail import workspace_sender
from tests.conftest import make_member, make_user, public_client


def test_account_emails_name_batchtrack_not_the_request_host(
    org_a, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]
    make_member(org_a, "owner", email="forgetful@example.com")
    client = public_client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/password/reset/",
            {"email": "forgetful@example.com"},
            HTTP_HOST=f"{settings.BASE_DOMAIN}:8100",
        )
    [sent] = mail.outbox
    assert sent.subject.startswith("BatchTrack: ")
    assert "Hello from BatchTrack!" in sent.body
    assert sent.body.endswith(f"Thank you for using BatchTrack!\n{settings.BASE_DOMAIN}")
    assert "localhost:8100!" not in sent.body and "[localhost" not in sent.subject
    assert sent.from_email == "BatchTrack <hello@batchtrack.local>"


def test_the_taken_address_email_names_batchtrack(db, django_capture_on_commit_callbacks):
    from tests.accounts.test_signup import SIGNUP, signup_data

    make_user("maker@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        public_client().post(SIGNUP, signup_data())
    [sent] = mail.outbox
    assert sent.subject == "BatchTrack: Someone tried to sign up with your address"


def test_a_workspace_email_comes_from_the_workspace_via_batchtrack(settings):
    settings.DEFAULT_FROM_EMAIL = "BatchTrack <hello@example.com>"
    assert workspace_sender("Lavender & Lye") == "Lavender & Lye via BatchTrack <hello@example.com>"
    assert workspace_sender('Quote "Co"') == '"Quote \\"Co\\" via BatchTrack" <hello@example.com>'
