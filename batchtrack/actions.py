"""A page's POST action in one call: run the service, and tell the maker how it went on the next page.

    perform(request, lambda: release_hold(reservation=held), "The hold is released.")
    return redirect(...)

A DomainError (bad input, a business rule) becomes an error message in its own plain words and the
action returns None; anything else propagates (a bug is a 500, not a message). `success` is the text
to show, or a function that makes it from the service's result; None shows nothing. An error that
names the actions that fix it (`details["fixes"]`: label, route name, arguments; a curing shortfall's
"release the cure") shows them as links under its message (`show_fixes`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from batchtrack.errors import DomainError

T = TypeVar("T")


def perform(
    request,
    action: Callable[[], T],
    success: str | Callable[[T], str] | None = None,
    *,
    back: str | None = None,
) -> T | None:
    try:
        result = action()
    except DomainError as exc:
        messages.error(request, exc.message)
        show_fixes(request, exc, back=back)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return result


def show_fixes(request, exc: DomainError, *, back: str | None = None) -> None:
    """Add a link message for each action `exc` says fixes it (nothing when it names none). With
    `back` (a path), the fix returns there when it is done, so the maker can try again at once."""
    for label, route, args in exc.details.get("fixes") or ():
        try:
            url = reverse(route, args=args)
        except NoReverseMatch:
            continue
        if back:
            url = f"{url}?{urlencode({'next': back})}"
        messages.info(request, format_html('<a href="{}">{}</a>', url, label))
