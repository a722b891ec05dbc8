from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa.models import Authenticator

from tests.conftest import PASSWORD, make_member, public_client


def totp(secret_b32: str, at: float | None = None) -> str:
    """RFC 6238 code, computed independently of allauth so the test can catch a broken setup."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def test_enable_totp_then_login_requires_code(org_a):
    user = make_member(org_a, "owner", email="mfa@example.com")
    client = public_client(user)
    # allauth asks for a recent password entry before enabling MFA.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    fresh = public_client()
    step = fresh.post("/accounts/login/", {"login": "mfa@example.com", "password": PASSWORD})
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert not fresh.get("/workspaces/").wsgi_request.user.is_authenticated
    wrong = fresh.post(
        "/accounts/2fa/authenticate/", {"code": "000000" if totp(secret) != "000000" else "111111"}
    )
    assert "Incorrect code" in wrong.content.decode()
    done = fresh.post("/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert done.status_code == 302
    assert fresh.get("/workspaces/").wsgi_request.user == user


def test_recovery_codes_are_generated_with_totp(org_a):
    user = make_member(org_a, "owner", email="mfa2@example.com")
    client = public_client(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
