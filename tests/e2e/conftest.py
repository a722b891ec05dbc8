"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against live_server."""

from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the main thread; the ORM calls in these tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            # A stand-in for a real domain: app.test and its subdomains resolve to this machine.
            "--host-resolver-rules=MAP *.app.test 127.0.0.1, MAP app.test 127.0.0.1",
        ],
    }


@pytest.fixture(scope="session")
def live_server(request):
    """The browser tests' own live server (pytest-django's, one per worker). It is started inside a
    browser test, where coverage is paused (tests/conftest.py), so its thread is never traced; the
    other live-server tests (the API's schemathesis run) keep theirs, traced."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(request.config.getvalue("liveserver") or "localhost")
    yield server
    server.stop()


@pytest.fixture
def live_port(live_server) -> int:
    return int(live_server.url.rsplit(":", 1)[1])
