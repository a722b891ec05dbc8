"""Account emails (allauth's: address confirmation, password reset, "you already have an account",
security notices) leave through the outbox, never inside the request.

allauth renders each email in the request (its templates need the request and the site) and then
calls `send()` on it. `AccountAdapter.render_mail` points that `send` at `queue_email`, which records
the rendered email in the outbox, in the request's transaction; the `send_account_email` task sends
it after the commit, or after a Redis outage when the outbox is flushed. A slow or failing mail
server then costs the person nothing, and a Redis outage delays the email instead of losing it.

The rendered email carries its secrets (a password-reset link is as good as the password for three
days), and outbox rows are kept, and shown to platform staff, for a week. So the email is stored
encrypted (Fernet) under a key derived from SECRET_KEY; SECRET_KEY_FALLBACKS still open emails
queued before a key rotation. Anyone holding SECRET_KEY can forge those links anyway, so this adds no
secret to guard.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils.crypto import salted_hmac

_SALT = "batchtrack.account-email"
PRODUCT_NAME = "BatchTrack"


@dataclass(frozen=True)
class EmailSite:
    """What allauth's emails call "the site" ("Hello from {name}!", "{domain}"): the product and
    the configured public domain, never the host a request happened to arrive on (with no sites
    framework allauth would use that, e.g. "localhost:8100")."""

    name: str
    domain: str


def email_site() -> EmailSite:
    return EmailSite(name=PRODUCT_NAME, domain=settings.BASE_DOMAIN)


def workspace_sender(workspace_name: str) -> str:
    """The From of an email about one workspace: "Acme Soap via BatchTrack <the default address>"."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((f"{workspace_name} via {PRODUCT_NAME}", address))


def queue_email(message: EmailMessage, fail_silently: bool = False) -> int:
    """Record `message` in the outbox (sent after the caller's transaction commits); returns 1, as
    `EmailMessage.send` does for a message sent."""
    from outbox.services import enqueue
    from tenants.tasks import send_account_email

    enqueue(send_account_email, seal(_as_dict(message)))
    return 1


def send_sealed(sealed: str) -> int:
    """Send an email `queue_email` recorded. Raises InvalidToken when no configured key opens it."""
    fields = json.loads(_fernet().decrypt(sealed.encode()))
    alternatives = fields.pop("alternatives")
    content_subtype = fields.pop("content_subtype")
    message = EmailMultiAlternatives(**fields)
    message.content_subtype = content_subtype
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message.send()


def seal(fields: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(fields).encode()).decode()


def _as_dict(message: EmailMessage) -> dict[str, Any]:
    if message.attachments:
        # allauth's emails have none; a file would not belong in the outbox table anyway.
        raise ValueError("Queued account emails cannot carry attachments.")
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,  # "html" for allauth's HTML-only emails
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(alt) for alt in getattr(message, "alternatives", [])],
    }


def _fernet() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_key(secret)) for secret in secrets])


def _key(secret: str) -> bytes:
    digest = salted_hmac(_SALT, "fernet", secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest)


__all__ = ["InvalidToken", "queue_email", "send_sealed", "seal"]
