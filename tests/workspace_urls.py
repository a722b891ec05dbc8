"""Every URL of the workspace URLconf, with sample arguments, for isolation and permission sweeps."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Paths that must work for anyone (sign-in ticket, health check).
OPEN_VIEWS = {"handoff", "healthz", "signout"}

_SAMPLE = {
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}


def _fill(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _SAMPLE.get(m.group(1) or "str", "x"), route)


def workspace_urls() -> list[tuple[str, object]]:
    """(path, view callable) for every pattern in the workspace URLconf."""
    found: list[tuple[str, object]] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                found.append(
                    ("/" + _fill(prefix + route).lstrip("^").rstrip("$"), pattern.callback)
                )

    walk(get_resolver("batchtrack.urls_tenant").url_patterns, "")
    return found


def protected_workspace_urls() -> list[tuple[str, object]]:
    return [(path, view) for path, view in workspace_urls() if view.__name__ not in OPEN_VIEWS]
