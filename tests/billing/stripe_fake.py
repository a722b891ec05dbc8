"""Stripe's HTTP API, faked at the HTTP-client layer: `stripe.default_http_client = FakeStripe()`.

Every call stripe-python makes (ours and dj-stripe's) lands in `request`, which serves canned JSON per
(method, path) and records the request, its query and its form-encoded body for assertions. An
unknown path answers Stripe's 404 `resource_missing`, never the network.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import stripe


@dataclass
class FakeRequest:
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)


Handler = Callable[[FakeRequest], tuple[int, dict]]


class FakeStripe(stripe.HTTPClient):
    name = "fake"

    def __init__(self):
        super().__init__()
        self.objects: dict[str, dict] = {}  # path -> object served by GET
        self.handlers: dict[tuple[str, str], Handler] = {}
        self.requests: list[FakeRequest] = []

    # --- configuration ------------------------------------------------------------------------
    def put(self, path: str, obj: dict) -> dict:
        """Serve `obj` at GET `path` (e.g. /v1/subscriptions/sub_1) from now on."""
        self.objects[path] = obj
        return obj

    def on(self, method: str, path: str, handler: Handler | dict) -> None:
        if isinstance(handler, dict):
            body = handler
            self.handlers[(method.upper(), path)] = lambda request: (200, body)
        else:
            self.handlers[(method.upper(), path)] = handler

    # --- inspection ---------------------------------------------------------------------------
    def calls(self, method: str | None = None, path: str | None = None) -> list[FakeRequest]:
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper()) and (path is None or r.path == path)
        ]

    # --- stripe.HTTPClient --------------------------------------------------------------------
    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        req = FakeRequest(
            method=method.upper(),
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            form=dict(parse_qsl(post_data or "", keep_blank_values=True)),
        )
        self.requests.append(req)
        handler = self.handlers.get((req.method, req.path))
        if handler is not None:
            status, body = handler(req)
        elif req.method == "GET" and req.path in self.objects:
            status, body = 200, self.objects[req.path]
        else:
            status, body = (
                404,
                {
                    "error": {
                        "type": "invalid_request_error",
                        "code": "resource_missing",
                        "message": f"No such object: {req.path}",
                    }
                },
            )
        return json.dumps(body), status, {"request-id": "req_fake"}

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise AssertionError("streaming is not faked")

    def close(self):
        pass
