"""Failed sign-ins stay limited while Redis is down: counted in the database meanwhile, per address
and per IP, with the same 429 page as when allauth counts them in the cache."""

from __future__ import annotations

from tenants.models import SignInAttempt
from tests.conftest import PASSWORD, make_member, page_text, public_client

LOGIN = "/accounts/login/"


def sign_in(client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


def test_wrong_passwords_for_one_address_are_limited_with_redis_down(org_a, redis_outage):
    make_member(org_a, "owner", email="owner@example.com")
    redis_outage.kill()
    client = public_client()
    # login_failed "5/300s/key": five tries per address in five minutes.
    codes = [sign_in(client, "owner@example.com", f"wrong-{n}").status_code for n in range(5)]
    assert codes == [200] * 5
    locked = sign_in(client, "owner@example.com", "wrong-6")
    assert locked.status_code == 429
    assert 295 <= int(locked["Retry-After"]) <= 300
    assert "Please wait 5 minutes and try again" in page_text(locked)
    # The right password waits too, and a refused attempt is not counted.
    right = sign_in(client, "owner@example.com", PASSWORD)
    assert right.status_code == 429
    assert not right.wsgi_request.user.is_authenticated
    assert SignInAttempt.objects.count() == 10  # five attempts, each per IP and per address


def test_wrong_passwords_from_one_ip_are_limited_with_redis_down(db, redis_outage):
    redis_outage.kill()
    client = public_client()
    # login_failed "10/m/ip": ten tries a minute from one IP, whichever addresses they name.
    codes = [sign_in(client, f"guess{n}@example.com", "wrong").status_code for n in range(10)]
    assert codes == [200] * 10
    locked = sign_in(client, "guess10@example.com", "wrong")
    assert locked.status_code == 429
    assert 55 <= int(locked["Retry-After"]) <= 60


def test_a_successful_sign_in_does_not_count_with_redis_down(org_a, redis_outage):
    make_member(org_a, "owner", email="owner@example.com")
    redis_outage.kill()
    client = public_client()
    assert sign_in(client, "owner@example.com", "wrong").status_code == 200
    assert sign_in(client, "owner@example.com", PASSWORD).status_code == 302
    assert SignInAttempt.objects.count() == 2  # the wrong one, per IP and per address


def test_with_redis_up_the_database_counts_nothing(org_a, redis_outage):
    make_member(org_a, "owner", email="owner@example.com")
    client = public_client()
    assert [sign_in(client, "owner@example.com", "wrong").status_code for _ in range(6)] == [
        200
    ] * 5 + [429]
    assert not SignInAttempt.objects.exists()
