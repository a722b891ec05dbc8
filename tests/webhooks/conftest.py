"""A real HTTP receiver on this machine (nothing leaves it), and an HMAC written out from RFC 2104
over hashlib's SHA-256, independent of the `hmac` module the app signs with."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tenants.utils import tenant_context

from tests.api.conftest import on_tier


def rfc2104_hmac_sha256(key: bytes, message: bytes) -> str:
    block = 64
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    outer = bytes(b ^ 0x5C for b in key)
    inner = bytes(b ^ 0x36 for b in key)
    return hashlib.sha256(outer + hashlib.sha256(inner + message).digest()).hexdigest()


def verify(secret: str, header: str, body: bytes) -> bool:
    parts = dict(part.split("=", 1) for part in header.split(","))
    expected = rfc2104_hmac_sha256(secret.encode(), parts["t"].encode() + b"." + body)
    return parts["v1"] == expected


class Receiver:
    def __init__(self):
        self.requests: list[tuple] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))  # case-insensitive
                code = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        # shutdown() waits for serve_forever to look at its flag, which it does once per poll
        # interval (half a second by default): every test would wait that out at teardown.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


@pytest.fixture
def acme(org_a):
    on_tier(org_a, "pro")
    with tenant_context(org_a):
        yield org_a
