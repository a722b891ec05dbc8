from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import schema_exists

from tenants.models import Domain, Membership, Organization, User
from tenants.roles import Role
from tests.conftest import PASSWORD, page_text, public_client

SIGNUP = "/accounts/signup/"


def signup_data(**overrides):
    data = {
        "organization_name": "Lavender & Lye",
        "slug": "lavender-lye",
        "email": "maker@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Paris",
    }
    data.update(overrides)
    return data


def follow_to_workspace(client, response):
    """Follow the chain public host -> /go/<slug>/ -> workspace handoff -> dashboard."""
    for _ in range(5):
        if response.status_code != 302:
            return response
        location = response["Location"]
        host = (
            location.split("://", 1)[1].split("/", 1)[0]
            if "://" in location
            else client.defaults["HTTP_HOST"]
        )
        path = "/" + location.split("://", 1)[1].split("/", 1)[1] if "://" in location else location
        client.defaults["HTTP_HOST"] = host
        response = client.get(path)
    return response


def test_signup_creates_workspace_and_lands_signed_in(db, django_capture_on_commit_callbacks):
    client = public_client()
    # The confirmation email leaves through the outbox once the sign-up commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/go/lavender-lye/"

    org = Organization.objects.get(slug="lavender-lye")
    user = User.objects.get(email="maker@example.com")
    assert org.name == "Lavender & Lye"
    assert org.schema_name == "lavender_lye"
    assert org.time_zone == "Europe/Paris"
    assert user.time_zone == "Europe/Paris"
    assert schema_exists("lavender_lye")
    assert Domain.objects.get(tenant=org).domain == "lavender-lye.localhost"
    assert Membership.objects.get(user=user, organization=org).role == Role.OWNER
    assert mail.outbox[-1].to == ["maker@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[-1].body

    page = follow_to_workspace(client, response)
    assert page.status_code == 200
    assert client.defaults["HTTP_HOST"] == "lavender-lye.localhost"
    assert b"Lavender &amp; Lye" in page.content
    assert b"maker@example.com" in page.content


def test_signup_proposes_slug_when_left_blank(ready_spare):
    response = public_client().post(
        SIGNUP, signup_data(slug="", organization_name="Bee's Wax Works")
    )
    assert response.status_code == 302
    assert Organization.objects.filter(slug="bees-wax-works").exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("ab", "at least 3 characters"),
        ("a" * 41, "at most 40 characters"),
        ("Bad_Slug", "Use only lower-case letters"),
        ("-leading", "Use only lower-case letters"),
        ("double--hyphen", "Use only lower-case letters"),
        ("www", "'www' is reserved"),
        ("admin", "'admin' is reserved"),
        ("api", "'api' is reserved"),
        ("static", "'static' is reserved"),
        ("acme", "'acme' is already taken"),
    ],
)
def test_signup_refuses_bad_slug_and_creates_nothing(org_a, slug, message):
    before = (User.objects.count(), Organization.objects.count())
    response = public_client().post(SIGNUP, signup_data(slug=slug))
    assert response.status_code == 200
    assert message in page_text(response)
    assert (User.objects.count(), Organization.objects.count()) == before


def test_signup_refuses_weak_password(db):
    response = public_client().post(SIGNUP, signup_data(password1="12345678", password2="12345678"))
    content = page_text(response)
    assert "too short" in content or "too common" in content
    assert not User.objects.filter(email="maker@example.com").exists()


def test_signup_requires_organization_name(db):
    response = public_client().post(SIGNUP, signup_data(organization_name=""))
    assert "Please give your organization a name." in page_text(response)
    assert not User.objects.filter(email="maker@example.com").exists()


def test_failed_provisioning_leaves_nothing_behind(db, monkeypatch):
    from tenants.services import provisioning

    def broken_membership(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(provisioning.Membership.objects, "create", broken_membership)
    response = public_client().post(SIGNUP, signup_data())
    assert response.status_code == 400
    assert "could not create your workspace" in page_text(response)
    assert not Organization.objects.filter(slug="lavender-lye").exists()
    assert not Domain.objects.filter(domain="lavender-lye.localhost").exists()
    assert not Membership.objects.filter(user__email="maker@example.com").exists()
    assert not User.objects.filter(email="maker@example.com").exists()
    assert not schema_exists("lavender_lye")
    assert connection.schema_name == "public"


def test_slug_check_endpoint_explains_problems(org_a):
    client = public_client()
    assert "already taken" in page_text(client.get("/signup/check-slug/", {"slug": "acme"}))
    assert "is available" in page_text(client.get("/signup/check-slug/", {"slug": "new-shop"}))
    proposed = page_text(client.get("/signup/check-slug/", {"organization_name": "Acme"}))
    assert "acme-2" in proposed
