"""How a delivery is signed, and how a receiver checks it.

Header `BatchTrack-Signature: t=<unix seconds>,v1=<hex>` where hex is
HMAC-SHA256(endpoint secret, "<t>." + raw body). The timestamp inside the signed text lets a receiver
refuse replays of old deliveries (say, older than five minutes).
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "BatchTrack-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"
