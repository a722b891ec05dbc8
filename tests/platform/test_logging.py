"""Production logs: one JSON object per line, each line of a request with the request's id."""

from __future__ import annotations

import copy
import io
import json
import logging
from logging.config import DictConfigurator

import pytest
from django.conf import settings

from tests.conftest import public_client

REQUEST_ID = "6f1c2a9e8b7d4c3fa1e2d3c4b5a69788"


@pytest.fixture
def production_log():
    """The console handler as LOGGING builds it with DEBUG off, writing to a buffer, on the root
    logger for the test."""
    assert settings.LOG_FORMAT == "json"  # the tests run with DEBUG off, as production does
    # Builds the pieces from their config, as dictConfig would, without reconfiguring logging.
    config = DictConfigurator(copy.deepcopy(settings.LOGGING))
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(
        config.configure_formatter(copy.deepcopy(settings.LOGGING["formatters"]["json"]))
    )
    handler.addFilter(
        config.configure_filter(copy.deepcopy(settings.LOGGING["filters"]["request_id"]))
    )
    root = logging.getLogger()
    root.addHandler(handler)
    yield buffer
    root.removeHandler(handler)


def test_a_request_logs_json_lines_with_its_request_id(db, production_log):
    response = public_client().get("/no-such-page/", HTTP_X_REQUEST_ID=REQUEST_ID)
    assert response.status_code == 404
    assert response["X-Request-ID"] == REQUEST_ID
    lines = [json.loads(line) for line in production_log.getvalue().splitlines()]
    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["level"] == "WARNING"
    assert not_found["message"] == "Not Found: /no-such-page/"
    assert not_found["request_id"] == REQUEST_ID
    assert set(not_found) >= {"time", "level", "logger", "message", "request_id"}


def test_a_request_without_an_id_gets_a_new_one(db):
    first = public_client().get("/accounts/login/")["X-Request-ID"]
    second = public_client().get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert len({first, second}) == 2
    assert all(len(value) == 32 and int(value, 16) >= 0 for value in (first, second))
