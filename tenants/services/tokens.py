from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import salted_hmac

_EMAILED_SALT = "tenants.services.tokens.emailed"


def new_token() -> tuple[str, str]:
    """A random URL-safe token and the hash we store instead of it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def new_emailed_token() -> tuple[str, str, str]:
    """A token to be emailed later by a background task: (seed, token, hash).

    The task gets only the seed (it passes through the outbox table) and rebuilds the token with
    `emailed_token`; the token is a keyed hash of the seed, so the database (which holds the seed
    until the outbox forgets it, and the token's hash) is not enough to use an invitation link.
    """
    seed = secrets.token_urlsafe(32)
    token = emailed_token(seed)
    return seed, token, hash_token(token)


def emailed_token(seed: str) -> str:
    return salted_hmac(_EMAILED_SALT, seed, algorithm="sha256").hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
