"""Content-Security-Policy on every kind of page, no inline script or style anywhere it would apply,
and the production security settings (HSTS, secure cookies, TLS redirect)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tenants.services.memberships import invite_member
from tests.conftest import make_member, make_user, public_client, workspace_client

ROOT = Path(__file__).resolve().parents[2]
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts (without a nonce), inline event
    handlers, <style> elements and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").lower()
        executable = tag == "script" and kind not in DATA_SCRIPT_TYPES
        if executable and not {"src", "nonce"} & attributes.keys():
            self.problems.append(f"inline <script> {attributes}")
        if tag == "style":
            self.problems.append("<style> element")
        for name, _value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style=...>")


def inline_code(response) -> list[str]:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.problems


def inline_scripts(response) -> list[str]:
    return [p for p in inline_code(response) if "style" not in p]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


def assert_strict_policy(response, *, inline_styles: bool = False) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == (["'self'", "'unsafe-inline'"] if inline_styles else ["'self'"])
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == [
        "'self'",
        "https://accounts.google.com",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
        "localhost:*",
        "*.localhost:*",
    ]


PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/invitations/not-a-token/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_the_policy_and_no_inline_code(db, path):
    response = public_client().get(path)
    assert response.status_code in (200, 404, 410)
    assert_strict_policy(response)
    assert inline_code(response) == []


def test_signed_in_public_pages_carry_the_policy_and_no_inline_code(org_a, owner_a):
    client = public_client(owner_a)
    # allauth's email page hides one form with a style attribute; the policy ignores it and app.css
    # hides the form by its id instead (#pending-email).
    known = {"/accounts/email/": ["<form style=...>"]}
    for path in ("/workspaces/?choose=1", "/workspaces/new/", "/accounts/email/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_policy(response)
        assert inline_code(response) == known.get(path, []), path


WORKSPACE_PAGES = ["/", "/settings/members/", "/settings/activity/", "/settings/profile/"]


@pytest.mark.parametrize("path", WORKSPACE_PAGES)
def test_workspace_pages_carry_the_policy_and_no_inline_code(org_a, owner_a, path):
    invite_member(organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a)
    response = workspace_client(owner_a, org_a).get(path)
    assert response.status_code == 200
    assert_strict_policy(response)
    assert inline_code(response) == []


def test_error_and_rate_limit_pages_carry_the_policy(org_a, org_b):
    viewer = make_member(org_a, "viewer")
    forbidden = workspace_client(viewer, org_a).post(
        "/settings/members/invite/", {"email": "x@example.com", "role": "viewer"}
    )
    assert forbidden.status_code == 403
    outsider = workspace_client(make_member(org_b, "owner"), org_a).get("/")
    assert outsider.status_code == 404
    client = public_client()
    for _ in range(31):
        limited = client.get("/invitations/guess/")
    assert limited.status_code == 429
    for response in (forbidden, outsider, limited):
        assert_strict_policy(response)
        assert inline_code(response) == []


def test_htmx_is_told_not_to_inject_its_inline_style(db):
    text = public_client().get("/accounts/signup/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in text
    css = (ROOT / "tenants/static/batchtrack/app.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


ADMIN_PAGES = [
    "/admin/",
    "/admin/tenants/organization/",
    "/admin/tenants/organization/{org}/change/",
    "/admin/tenants/user/",
    "/admin/tenants/user/{user}/change/",
    "/admin/tenants/membership/",
    "/admin/tenants/auditevent/",
    "/admin/tenants/auditevent/{event}/change/",
    "/admin/outbox/outboxmessage/",
]


def test_admin_works_under_the_policy(org_a, owner_a):
    invite_member(organization=org_a, email="friend@example.com", role="viewer", invited_by=owner_a)
    staff = make_user("staff@example.com", is_staff=True, is_superuser=True)
    client = public_client(staff)
    ids = {
        "org": org_a.pk,
        "user": owner_a.pk,
        "event": org_a.audit_events.get().pk,
    }
    for template in ADMIN_PAGES:
        path = template.format(**ids)
        response = client.get(path)
        assert response.status_code == 200, path
        # django-tenants' admin templates use style attributes: allowed on /admin/ only.
        assert_strict_policy(response, inline_styles=True)
        assert inline_scripts(response) == [], path


def test_inline_styles_are_allowed_only_in_the_admin(db):
    assert "'unsafe-inline'" not in directives(public_client().get("/accounts/login/"))["style-src"]


def test_our_templates_have_no_inline_scripts_or_styles():
    problems = {}
    for template in sorted((ROOT / "templates").rglob("*.html")):
        parser = InlineCode()
        parser.feed(template.read_text())
        if parser.problems:
            problems[str(template.relative_to(ROOT))] = parser.problems
    assert problems == {}


def production_settings(**extra_env) -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DEBUG"},
        "DJANGO_SETTINGS_MODULE": "batchtrack.settings",
        "SECRET_KEY": "k8$Jw3!pQz7@vN2#rT5^yL9&bX4*cF6(hM1)dS0_gA-eU+iO=oP",
        "BASE_DOMAIN": "batchtrack.example",
        **extra_env,
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'DEBUG', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', 'SECURE_CONTENT_TYPE_NOSNIFF', "
        "'MIDDLEWARE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_turn_on_hsts_and_secure_cookies():
    values = production_settings()
    assert {k: v for k, v in values.items() if k != "MIDDLEWARE"} == {
        "DEBUG": False,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
    }
    # Health checks answer ahead of the HTTPS redirect (batchtrack/health.py); everything else
    # after. Only the request id (a header on every response, probes included) comes before them.
    assert values["MIDDLEWARE"][:3] == [
        "django_guid.middleware.guid_middleware",
        "batchtrack.health.HealthCheckMiddleware",
        "django.middleware.security.SecurityMiddleware",
    ]
    assert "batchtrack.security.ContentSecurityPolicyMiddleware" in values["MIDDLEWARE"]


def test_development_settings_do_not_pin_browsers_to_https():
    values = production_settings(DEBUG="true")
    assert (
        values["SECURE_HSTS_SECONDS"],
        values["SECURE_SSL_REDIRECT"],
        values["SESSION_COOKIE_SECURE"],
    ) == (0, False, False)
