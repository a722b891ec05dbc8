from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tenants.models import LoginHandoff
from tenants.services.handoff import issue_handoff
from tests.conftest import PASSWORD, make_member, page_text, public_client, workspace_client

LOGIN = "/accounts/login/"


def test_login_with_one_workspace_goes_straight_to_it(org_a):
    user = make_member(org_a, "production", email="pat@example.com")
    client = public_client()
    response = client.post(LOGIN, {"login": "pat@example.com", "password": PASSWORD})
    assert response.status_code == 302
    chooser = client.get(response["Location"])
    assert chooser["Location"] == "/go/acme/"
    enter = client.get("/go/acme/")
    assert enter["Location"].startswith("http://acme.localhost/auth/handoff/?ticket=")
    ws = workspace_client(None, org_a)
    landed = ws.get(enter["Location"].split("acme.localhost", 1)[1])
    assert landed.status_code == 302 and landed["Location"] == "/"
    dashboard = ws.get("/")
    assert dashboard.status_code == 200
    assert user.email in page_text(dashboard)


def test_login_with_several_workspaces_shows_chooser(org_a, org_b):
    user = make_member(org_a, "owner", email="multi@example.com")
    from tenants.models import Membership

    Membership.objects.create(user=user, organization=org_b, role="viewer")
    client = public_client(user)
    response = client.get("/workspaces/")
    text = page_text(response)
    assert response.status_code == 200
    assert "Acme Soap Works" in text and "Globex Candles" in text


def test_login_next_returns_to_requested_workspace_page(org_a):
    make_member(org_a, "owner", email="owner@example.com")
    anonymous = workspace_client(None, org_a).get("/settings/members/")
    login_url = anonymous["Location"].split("localhost", 1)[1]
    client = public_client()
    response = client.post(login_url, {"login": "owner@example.com", "password": PASSWORD})
    assert response["Location"] == "/go/acme/?next=%2Fsettings%2Fmembers%2F"
    enter = client.get(response["Location"])
    ws = workspace_client(None, org_a)
    landed = ws.get(enter["Location"].split("acme.localhost", 1)[1])
    assert landed["Location"] == "/settings/members/"


def test_wrong_password_is_refused_plainly(org_a):
    make_member(org_a, "owner", email="owner@example.com")
    response = public_client().post(LOGIN, {"login": "owner@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "email address and/or password you specified are not correct" in page_text(response)


def test_handoff_ticket_works_once(org_a):
    user = make_member(org_a, "owner")
    token = issue_handoff(user=user, organization=org_a)
    first = workspace_client(None, org_a).get(f"/auth/handoff/?ticket={token}")
    assert first["Location"] == "/"
    second = workspace_client(None, org_a).get(f"/auth/handoff/?ticket={token}")
    assert second["Location"] == "http://localhost/accounts/login/"


def test_handoff_ticket_expires(org_a):
    user = make_member(org_a, "owner")
    token = issue_handoff(user=user, organization=org_a)
    LoginHandoff.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    response = workspace_client(None, org_a).get(f"/auth/handoff/?ticket={token}")
    assert response["Location"] == "http://localhost/accounts/login/"


def test_handoff_ticket_is_bound_to_its_workspace(org_a, org_b):
    user = make_member(org_a, "owner")
    from tenants.models import Membership

    Membership.objects.create(user=user, organization=org_b, role="owner")
    token = issue_handoff(user=user, organization=org_a)
    response = workspace_client(None, org_b).get(f"/auth/handoff/?ticket={token}")
    assert response["Location"] == "http://localhost/accounts/login/"


def test_enter_refuses_non_member(org_a, org_b):
    outsider = make_member(org_b, "owner")
    response = public_client(outsider).get("/go/acme/")
    assert response.status_code == 404
    assert not LoginHandoff.objects.filter(user=outsider).exists()


def test_handoff_ignores_offsite_next(org_a):
    user = make_member(org_a, "owner")
    token = issue_handoff(user=user, organization=org_a, next_path="//evil.example/")
    response = workspace_client(None, org_a).get(f"/auth/handoff/?ticket={token}")
    assert response["Location"] == "/"


def test_workspace_signout_signs_out_both_hosts(org_a):
    user = make_member(org_a, "owner")
    ws = workspace_client(user, org_a)
    response = ws.post("/signout/")
    assert response["Location"].startswith("http://localhost/signout/?t=")
    assert ws.get("/")["Location"].startswith("http://localhost/accounts/login/")
    public = public_client(user)
    public.get(response["Location"].split("localhost", 1)[1])
    assert public.get("/workspaces/")["Location"].startswith("/accounts/login/")


def test_repeated_failed_logins_are_rate_limited(org_a):
    make_member(org_a, "owner", email="owner@example.com")
    client = public_client()
    texts = [
        page_text(client.post(LOGIN, {"login": "owner@example.com", "password": f"wrong-{i}"}))
        for i in range(5)
    ]
    assert all("not correct" in text for text in texts[:5])
    # The lockout is the 429 page every limit answers with, saying how long to wait.
    locked = client.post(LOGIN, {"login": "owner@example.com", "password": "wrong-6"})
    assert (locked.status_code, locked["Retry-After"]) == (429, "300")
    assert "Please wait 5 minutes and try again" in page_text(locked)
    # Even the right password is refused until the window passes.
    response = client.post(LOGIN, {"login": "owner@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
