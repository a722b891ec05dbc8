"""Named rate limits: they trip, say when to retry, reset, count per workspace, and fail open."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.test import Client

from batchtrack import ratelimits
from batchtrack.ratelimits import LIMITS, Limit, Rule, describe_wait, rate_limited
from tenants.models import Invitation, User
from tests.conftest import PASSWORD, make_member, page_text, public_client, workspace_client


def post_signup(client, n: int):
    # Invalid on purpose (passwords differ): every attempt counts, none creates a workspace.
    return client.post(
        "/accounts/signup/",
        {
            "organization_name": "Spam Co",
            "slug": f"spam-{n}",
            "email": f"spam{n}@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
        },
    )


def set_limit(monkeypatch, name: str, *rules: Rule, methods=("POST",)):
    monkeypatch.setitem(LIMITS, name, Limit(LIMITS[name].description, rules, methods))


def test_signup_is_limited_to_ten_attempts_an_hour_per_ip(db):
    client = public_client()
    assert [post_signup(client, n).status_code for n in range(10)] == [200] * 10
    response = post_signup(client, 10)
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 3600
    assert f"Please wait {describe_wait(retry_after)} and try again" in page_text(response)
    assert not User.objects.filter(email__startswith="spam").exists()


def test_signup_limit_counts_each_ip_on_its_own(db):
    for n in range(11):
        post_signup(public_client(), n)
    other = Client(HTTP_HOST="localhost", REMOTE_ADDR="10.1.2.3")
    assert post_signup(other, 99).status_code == 200


def test_behind_a_proxy_each_client_ip_counts_on_its_own(db, settings, monkeypatch):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    set_limit(monkeypatch, "signup", Rule("1/h", "ip"))

    def via_proxy(client_ip: str):
        return Client(HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_ip)

    assert post_signup(via_proxy("203.0.113.7"), 0).status_code == 200
    assert post_signup(via_proxy("203.0.113.7"), 1).status_code == 429
    assert post_signup(via_proxy("198.51.100.9"), 2).status_code == 200


def test_a_limited_signup_creates_nothing(db, monkeypatch):
    set_limit(monkeypatch, "signup", Rule("1/h", "ip"))
    client = public_client()
    post_signup(client, 0)
    response = client.post(
        "/accounts/signup/",
        {
            "organization_name": "Real Co",
            "slug": "real-co",
            "email": "real@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 429
    assert not User.objects.filter(email="real@example.com").exists()


def test_limit_resets_when_retry_after_has_passed(db, monkeypatch):
    set_limit(monkeypatch, "signup", Rule("2/3s", "ip"))
    client = public_client()
    # Windows are fixed: the first attempts may straddle a boundary, so post until one is refused.
    responses = []
    while not responses or responses[-1].status_code != 429:
        responses.append(post_signup(client, len(responses)))
        assert len(responses) <= 6
    assert [r.status_code for r in responses[-3:]] == [200, 200, 429]
    retry_after = int(responses[-1]["Retry-After"])
    assert 1 <= retry_after <= 4
    time.sleep(retry_after)
    assert post_signup(client, 99).status_code == 200


def test_password_reset_is_limited_per_ip(org_a):
    make_member(org_a, "owner", email="forgetful@example.com")
    client = public_client()
    codes = [
        client.post("/accounts/password/reset/", {"email": f"nobody{n}@example.com"}).status_code
        for n in range(10)
    ]
    # Unknown and known addresses get the same answer (no account enumeration).
    assert codes == [302] * 10
    response = client.post("/accounts/password/reset/", {"email": "forgetful@example.com"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 3600
    assert ["forgetful@example.com"] not in [message.to for message in mail.outbox]


def invite(client, email: str):
    return client.post("/settings/members/invite/", {"email": email, "role": "viewer"})


def test_invitations_are_limited_per_account(org_a, owner_a, monkeypatch):
    set_limit(monkeypatch, "invitations", Rule("3/h", "user", per_workspace=True))
    client = workspace_client(owner_a, org_a)
    # Malformed addresses: each attempt counts, none creates an invitation.
    assert [invite(client, "not-an-address").status_code for _ in range(3)] == [302] * 3
    response = invite(client, "real@example.com")
    assert response.status_code == 429
    assert "Too many attempts" in page_text(response)
    assert not Invitation.objects.filter(email="real@example.com").exists()
    # Another owner of the same workspace has an allowance of their own.
    second = make_member(org_a, "owner")
    assert invite(workspace_client(second, org_a), "not-an-address").status_code == 302


def test_invitation_counters_are_independent_per_workspace(org_a, org_b, owner_a, monkeypatch):
    set_limit(monkeypatch, "invitations", Rule("3/h", "user", per_workspace=True))
    from tenants.models import Membership

    Membership.objects.create(user=owner_a, organization=org_b, role="owner")
    in_a = workspace_client(owner_a, org_a)
    for _ in range(3):
        invite(in_a, "not-an-address")
    assert invite(in_a, "friend@example.com").status_code == 429
    response = invite(workspace_client(owner_a, org_b), "friend@example.com")
    assert response.status_code == 302
    assert Invitation.objects.get(email="friend@example.com").organization == org_b


def test_invitations_per_ip_count_across_workspaces(org_a, org_b, monkeypatch):
    set_limit(
        monkeypatch,
        "invitations",
        Rule("20/h", "user", per_workspace=True),
        Rule("2/h", "ip"),
    )
    invite(workspace_client(make_member(org_a, "owner"), org_a), "not-an-address")
    invite(workspace_client(make_member(org_b, "owner"), org_b), "not-an-address")
    third = make_member(org_b, "admin")
    assert invite(workspace_client(third, org_b), "friend@example.com").status_code == 429
    assert not Invitation.objects.filter(email="friend@example.com").exists()


def test_opening_invitation_links_is_limited_per_ip(db):
    client = public_client()
    codes = {client.get(f"/invitations/guess-{n}/").status_code for n in range(30)}
    assert codes == {410}
    assert client.get("/invitations/guess-31/").status_code == 429


def test_sign_in_answers_allauths_limit_with_its_window(db):
    client = public_client()
    codes = [client.post("/accounts/login/", {}).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30
    assert codes[30] == 429
    response = client.post("/accounts/login/", {})
    # login "30/m/ip" and login_failed "10/m/ip,5/300s/key": at most 300 s to wait.
    assert response["Retry-After"] == "300"
    assert "Please wait 5 minutes and try again" in page_text(response)


def test_rate_limits_fail_open_while_redis_is_down(db, redis_outage, monkeypatch):
    set_limit(monkeypatch, "signup", Rule("2/h", "ip"))
    client = public_client()
    redis_outage.stop()
    assert {post_signup(client, n).status_code for n in range(5)} == {200}
    redis_outage.start()
    assert [post_signup(client, n).status_code for n in range(3)] == [200, 200, 429]


def test_counters_are_kept_in_the_global_cache(org_a, owner_a, redis_outage):
    invite(workspace_client(owner_a, org_a), "not-an-address")
    # django-ratelimit hashes group (with the workspace schema) and key; one counter per rule.
    counters = redis_outage.client().keys("global:1:rl:*")
    assert len(counters) == 2


def test_unknown_limit_name_is_refused():
    with pytest.raises(ratelimits.UnknownLimit):
        rate_limited("nope")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1, "1 second"),
        (45, "45 seconds"),
        (60, "1 minute"),
        (61, "2 minutes"),
        (3600, "1 hour"),
        (3900, "1 hour and 5 minutes"),
        (7200, "2 hours"),
    ],
)
def test_describe_wait(seconds, text):
    assert describe_wait(seconds) == text
