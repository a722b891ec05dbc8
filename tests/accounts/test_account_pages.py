from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

from tests.conftest import make_member, page_text, public_client

ROOT = Path(__file__).resolve().parents[2]


def test_google_button_hidden_without_configuration(db):
    assert "Google" not in page_text(public_client().get("/accounts/login/"))


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/google/login/",
        "/accounts/google/login/callback/",
        "/accounts/google/login/token/",
    ],
)
def test_google_pages_do_not_exist_without_configuration(db, path):
    client = public_client()
    client.raise_request_exception = False
    assert client.get(path, {"code": "x", "state": "y"}).status_code == 404


def test_google_button_shown_when_configured(db, settings):
    settings.GOOGLE_CLIENT_ID = "client-id.apps.googleusercontent.com"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "google": {
            "APPS": [
                {"client_id": "client-id.apps.googleusercontent.com", "secret": "s3cret", "key": ""}
            ],
            "SCOPE": ["profile", "email"],
        }
    }
    text = page_text(public_client().get("/accounts/login/"))
    assert "Google" in text
    # Starting the flow redirects to Google with our single public callback; no network needed.
    response = public_client().post("/accounts/google/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://accounts.google.com/")
    assert (
        "redirect_uri=http%3A%2F%2Flocalhost%2Faccounts%2Fgoogle%2Flogin%2Fcallback%2F"
        in response["Location"]
    )


def test_password_reset_sends_email(org_a, django_capture_on_commit_callbacks):
    make_member(org_a, "owner", email="forgetful@example.com")
    with django_capture_on_commit_callbacks(execute=True):  # the email leaves after the commit
        response = public_client().post(
            "/accounts/password/reset/", {"email": "forgetful@example.com"}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["forgetful@example.com"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_change_email_sends_confirmation(org_a, django_capture_on_commit_callbacks):
    user = make_member(org_a, "owner", email="old@example.com")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email="old@example.com", verified=True, primary=True)
    client = public_client(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.com"]
    assert EmailAddress.objects.get(email="new@example.com").verified is False


def test_check_deploy_passes_with_production_environment():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; production never has it.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "batchtrack.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k8$Jw3!pQz7@vN2#rT5^yL9&bX4*cF6(hM1)dS0_gA-eU+iO=oP",
        "BASE_DOMAIN": "batchtrack.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_set():
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update({"DJANGO_SETTINGS_MODULE": "batchtrack.settings", "SECRET_KEY": "x" * 60})
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
