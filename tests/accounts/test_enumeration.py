"""No account enumeration: sign-up, password reset and sign-in answer a stranger the same whether or
not an address has an account; only the address's owner, by email, learns that it has one."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django_tenants.utils import schema_exists

from tenants.models import Domain, Membership, Organization, User
from tests.accounts.test_signup import SIGNUP, signup_data
from tests.conftest import make_member, make_user, page_text, public_client

RESET = "/accounts/password/reset/"
LOGIN = "/accounts/login/"
REVEALING = re.compile(r"already|exists|taken|registered|no account|not found", re.IGNORECASE)


def _state():
    return (
        sorted(User.objects.values_list("email", flat=True)),
        sorted(Organization.objects.values_list("slug", flat=True)),
        Membership.objects.count(),
        Domain.objects.count(),
        EmailAddress.objects.count(),
    )


def _visible_text(response) -> str:
    """What the page says (tags, scripts and the CSRF token left out)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_text(response), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def _errors(response) -> list[str]:
    """Every error message on a form page (field feedback, alerts, allauth's error lists)."""
    return re.findall(
        r'(?:invalid-feedback[^"]*|alert alert-danger|errorlist[^"]*)"[^>]*>(?:<li>)?([^<]+)<',
        page_text(response),
    )


def test_signup_with_a_taken_address_creates_nothing_and_says_check_your_email(db):
    make_user("maker@example.com")
    before = _state()
    client = public_client()

    response = client.post(SIGNUP, signup_data(email="Maker@Example.com"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert response.content == b""
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = _visible_text(page)
    assert "We have sent an email to you for verification." in text
    assert not REVEALING.search(text), text
    assert _state() == before
    assert not schema_exists("lavender_lye")


def test_signup_with_a_taken_address_emails_that_address(db, django_capture_on_commit_callbacks):
    make_user("maker@example.com")

    # Emails leave through the outbox once the request's transaction commits (tenants/mail.py).
    with django_capture_on_commit_callbacks(execute=True):
        public_client().post(SIGNUP, signup_data(email="Maker@Example.com"))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maker@example.com"]
    assert message.subject == "BatchTrack: Someone tried to sign up with your address"
    assert (
        "Someone (perhaps you) tried to create a BatchTrack account with this address, "
        "maker@example.com. You already have an account, so we did not create another one."
    ) in message.body
    assert "To reach your workspaces, sign in:\nhttp://localhost/accounts/login/\n" in message.body
    assert (
        "Forgotten your password? Choose a new one here:\nhttp://localhost/accounts/password/reset/\n"
        in message.body
    )


def test_signup_with_a_fresh_address_reveals_nothing_either(
    ready_spare, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = public_client().post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response.content == b""
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["maker@example.com"]


def test_repeated_signups_with_a_taken_address_do_not_flood_it(
    db, django_capture_on_commit_callbacks
):
    make_user("maker@example.com")
    before = _state()
    client = public_client()

    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(SIGNUP, signup_data(email="maker@example.com")) for _ in range(3)]

    assert [r["Location"] for r in responses] == ["/accounts/confirm-email/"] * 3
    assert [m.to for m in mail.outbox] == [["maker@example.com"]]
    assert _state() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"slug": "www"},
        {"organization_name": ""},
        {"password2": "something-else-entirely"},
    ],
)
def test_a_form_with_problems_shows_the_same_problems_for_taken_and_fresh_addresses(db, changes):
    make_user("maker@example.com")
    before = _state()

    taken = public_client().post(SIGNUP, signup_data(email="maker@example.com", **changes))
    fresh = public_client().post(SIGNUP, signup_data(email="new@example.com", **changes))

    assert taken.status_code == fresh.status_code == 200
    assert _errors(taken) == _errors(fresh) != []
    assert _visible_text(taken).replace("maker@", "new@") == _visible_text(fresh)
    assert not REVEALING.search(" ".join(_errors(taken)))
    assert mail.outbox == []
    assert _state() == before


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(org_a):
    make_member(org_a, "owner", email="forgetful@example.com")
    client = public_client()

    known = client.post(RESET, {"email": "forgetful@example.com"})
    before = _state()  # (a reset request records the known user's address for allauth)
    unknown = client.post(RESET, {"email": "stranger@example.com"})

    assert (known.status_code, known["Location"]) == (302, "/accounts/password/reset/done/")
    assert (unknown.status_code, unknown["Location"]) == (302, "/accounts/password/reset/done/")
    assert known.content == unknown.content == b""
    done = _visible_text(client.get("/accounts/password/reset/done/"))
    assert not REVEALING.search(done), done
    assert _state() == before


def test_password_reset_emails_each_address_what_applies_to_it(
    org_a, django_capture_on_commit_callbacks
):
    make_member(org_a, "owner", email="forgetful@example.com")
    client = public_client()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": "forgetful@example.com"})
        client.post(RESET, {"email": "stranger@example.com"})

    assert [m.to for m in mail.outbox] == [["forgetful@example.com"], ["stranger@example.com"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # allauth's "unknown account" email: only the address's owner learns there is no account.
    assert mail.outbox[1].subject == "BatchTrack: Unknown Account"
    assert "we do not have any record of such an account" in mail.outbox[1].body
    assert "http://localhost/accounts/signup/" in mail.outbox[1].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_sign_in_failure_is_the_same_for_known_and_unknown_addresses(org_a):
    make_member(org_a, "owner", email="owner@example.com")

    known = public_client().post(LOGIN, {"login": "owner@example.com", "password": "nope-nope"})
    unknown = public_client().post(LOGIN, {"login": "nobody@example.com", "password": "nope-nope"})

    assert known.status_code == unknown.status_code == 200
    assert (
        _errors(known)
        == _errors(unknown)
        == ["The email address and/or password you specified are not correct."]
    )
    assert _visible_text(known).replace("owner@", "nobody@") == _visible_text(unknown)
