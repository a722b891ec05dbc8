"""`perform`: a service's DomainError becomes the maker's error message, a bug stays a bug."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from batchtrack.actions import perform
from batchtrack.errors import DomainError


def request_with_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def said(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_success_text_or_text_made_from_the_result():
    request = request_with_messages()
    assert perform(request, lambda: 3, "Saved.") == 3
    assert perform(request, lambda: 4, lambda n: f"Made {n}.") == 4
    assert perform(request, lambda: 5) == 5
    assert said(request) == [("success", "Saved."), ("success", "Made 4.")]


def test_a_refusal_is_an_error_message_and_no_result():
    request = request_with_messages()

    def refuse():
        raise DomainError("There is not enough lye.", field="quantity")

    assert perform(request, refuse, "Saved.") is None
    assert said(request) == [("error", "There is not enough lye.")]


def test_anything_else_propagates():
    request = request_with_messages()
    with pytest.raises(ZeroDivisionError):
        perform(request, lambda: 1 / 0, "Saved.")
    assert said(request) == []
