"""A page's POST action in one call: run the service, and tell the maker how it went on the next page.

    perform(request, lambda: release_hold(reservation=held), "The hold is released.")
    return redirect(...)

A DomainError (bad input, a business rule) becomes an error message in its own plain words and the
action returns None; anything else propagates (a bug is a 500, not a message). `success` is the text
to show, or a function that makes it from the service's result; None shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages

from batchtrack.errors import DomainError

T = TypeVar("T")


def perform(
    request, action: Callable[[], T], success: str | Callable[[T], str] | None = None
) -> T | None:
    try:
        result = action()
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return result
