"""Sign-up records which terms version the new user accepted."""

from __future__ import annotations

from publicsite.legal import TERMS_VERSION
from publicsite.models import TermsAcceptance
from tenants.models import User
from tests.accounts.test_signup import SIGNUP, signup_data
from tests.conftest import public_client
from tests.publicsite.helpers import text_of


def test_sign_up_page_names_the_terms_and_their_version(db):
    text = text_of(public_client().get(SIGNUP))
    assert (
        f"By creating an account you accept our terms of service (version {TERMS_VERSION})" in text
    )
    assert (
        f'name="terms_version" value="{TERMS_VERSION}"'
        in public_client().get(SIGNUP).content.decode()
    )


def test_sign_up_records_the_accepted_terms_version(ready_spare):
    public_client().post(SIGNUP, signup_data(terms_version=TERMS_VERSION))
    user = User.objects.get(email="maker@example.com")
    acceptance = TermsAcceptance.objects.get(user=user)
    assert acceptance.version == TERMS_VERSION


def test_an_unknown_version_records_the_terms_in_force(ready_spare):
    public_client().post(SIGNUP, signup_data(terms_version="1999-01"))
    assert TermsAcceptance.objects.get().version == TERMS_VERSION


def test_a_failed_sign_up_records_nothing(db):
    response = public_client().post(SIGNUP, signup_data(slug="x"))
    assert response.status_code == 200
    assert TermsAcceptance.objects.count() == 0
