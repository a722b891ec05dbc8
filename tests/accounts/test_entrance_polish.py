"""The entrance pages: sign-in looks like sign-up, sign-up shows the web address the server would
give as the name is typed, and signing out leaves no pile of old messages behind."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.conftest import (
    PASSWORD,
    make_member,
    make_user,
    page_text,
    public_client,
    workspace_client,
)


def _alerts(html: str) -> list[str]:
    return [m.strip() for m in re.findall(r'class="alert alert-\w+" role="alert">([^<]+)<', html)]


def test_sign_in_uses_the_sign_up_layout_and_components(db):
    client = public_client()
    signin = page_text(client.get("/accounts/login/"))
    signup = page_text(client.get("/accounts/signup/"))
    for html in (signin, signup):
        assert '<div class="card shadow-sm"><div class="card-body p-4 auth-card">' in html
        assert '<label class="form-label" for="id_email">' in html or 'for="id_login"' in html
        assert 'class="btn btn-primary" type="submit"' in html
    assert "<h1>Sign in to BatchTrack</h1>" in signin
    assert '<label class="form-label" for="id_login">Email</label>' in signin
    assert 'class="form-control" ' in signin.split('id="id_login"')[0].rsplit("<input", 1)[1]
    assert 'href="/accounts/signup/">Create your workspace</a>' in signin
    assert "Forgot your password?" in signin
    assert "Keep me signed in on this device" in signin


def test_signing_in_from_the_styled_form_still_works(db):
    user = make_user("maker@example.com")
    client = public_client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_suggests_the_web_address_as_the_name_is_typed(org_a):
    client = public_client()
    html = page_text(client.get("/accounts/signup/"))
    name_input = re.search(r'<input[^>]*name="organization_name"[^>]*>', html).group(0)
    assert 'hx-get="/signup/check-slug/"' in name_input
    assert 'hx-target="#slug-status"' in name_input and 'hx-include="[name=slug]"' in name_input
    # The server's own rule (propose_slug), shown as the whole address.
    proposed = page_text(client.get("/signup/check-slug/", {"organization_name": "Acme"}))
    assert "Your web address will be acme-2.localhost" in re.sub(r"<[^>]+>", "", proposed)
    fresh = page_text(client.get("/signup/check-slug/", {"organization_name": "Lavender & Lye"}))
    assert "lavender-lye.localhost" in fresh


def test_signing_out_shows_only_that_you_signed_out(db):
    user = make_user("maker@example.com")
    client = public_client()
    # Signing in queues a greeting the browser never sees (it is handed off to the workspace).
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    client.post("/accounts/logout/")
    assert _alerts(page_text(client.get("/"))) == ["You have signed out."]


def test_signing_out_of_a_workspace_drops_both_hosts_old_messages(org_a):
    owner = make_member(org_a, "owner")
    public = public_client()
    public.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
    workspace = workspace_client(owner, org_a)
    # Saving a draft leaves a notice waiting on the workspace host (its redirect isn't followed).
    workspace.post(
        "/recipes/new/",
        {"name": "Idea", "category": "other", "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"},
    )
    assert workspace.cookies["messages"].value
    relay = urlsplit(workspace.post("/signout/")["Location"])
    assert workspace.cookies["messages"].value == ""
    landing = public.get(f"{relay.path}?{relay.query}", follow=True)
    assert _alerts(page_text(landing)) == ["You have signed out."]
