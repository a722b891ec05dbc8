"""What views in every app share: finding an object or answering 404, and showing a domain error on
a form. Each lives here once; apps' views import them.

How an app lays out its views (one rule for every app): views are one module, `views.py`, until it
passes ~400 lines; then they become a package `views/` with one module per page group
(`views/batches.py`, `views/timers.py`, ...). Never a views module beside the app's views
(no `trace_views.py` next to `views.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from batchtrack.errors import DomainError

P = ParamSpec("P")
T = TypeVar("T")


def found_or_404(read: Callable[P, T | None], what: str, *args: P.args, **kwargs: P.kwargs) -> T:
    """`read(*args, **kwargs)` (a selector), or a 404 "No such <what>" when it finds nothing (raises
    DoesNotExist or returns None). The workspace's schema is active, so another workspace's id is
    simply not found."""
    try:
        found = read(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404(f"No such {what}") from None
    if found is None:
        raise Http404(f"No such {what}")
    return found


def show_error(form, exc: DomainError) -> None:
    """Put a service's error on the form: per field when it names fields the form has (through the
    form's FIELD_ALIASES when a service argument has another name; every field of an
    `errors={field: message}` detail), else on top."""
    aliases = getattr(form, "FIELD_ALIASES", {})

    def field_for(name: str | None) -> str | None:
        name = aliases.get(name, name)
        return name if name in form.fields else None

    errors = exc.details.get("errors")
    if isinstance(errors, dict) and errors:
        for field, message in errors.items():
            form.add_error(field_for(field), message)
        return
    form.add_error(field_for(exc.field), exc.message)
