"""The one place a webhook leaves the machine: an HTTP POST that never follows redirects, and the
check that a URL's host is not on a private network (so a workspace can't make us call into ours)."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no HTTP answer at all
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx itself is the answer: a receiver must answer at its own URL


_OPENER = urllib.request.build_opener(_NoRedirects)


def host_problem(url: str) -> str:
    """Why `url` may not receive webhooks ("" when it may): a scheme other than http(s), no host,
    or (unless WEBHOOKS_ALLOW_PRIVATE_HOSTS) a host that resolves to a private or local address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Use an http:// or https:// address."
    if settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS:
        return ""
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return "That address's host can't be found."
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return "That address is on a private network; use a public one."
    return ""


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    problem = host_problem(url)
    if problem:
        return Answer(None, problem)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Answer(response.status)
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, f"The receiver answered {exc.code}.")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(None, f"No answer: {reason}"[:300])
