"""Every URL of the workspace URLconf, with sample arguments, for isolation and permission sweeps."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Route:
    """One pattern of a URLconf: its route text, its name with namespaces (`inventory:detail`; empty
    when unnamed) and its view."""

    route: str
    name: str
    view: object

    def path(self, samples: dict[str, str] | None = None) -> str:
        """The route as a path: each argument from `samples` (by argument name), else a sample value
        of its converter's type."""
        samples = samples or {}

        def value(match: re.Match) -> str:
            converter, argument = match.group(1) or "str", match.group(2)
            return str(samples.get(argument, _SAMPLE.get(converter, "x")))

        filled = re.sub(r"<(?:(\w+):)?(\w+)>", value, self.route)
        filled = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(samples.get(m.group(1), "x")), filled)
        return "/" + filled.replace("^", "").replace("$", "").lstrip("/")


def routes(urlconf: str) -> list[Route]:
    """Every pattern of `urlconf`, included ones too, in order."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + route, inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else ""
                found.append(Route(prefix + route, name, pattern.callback))

    walk(get_resolver(urlconf).url_patterns, "", "")
    return found


def workspace_urls() -> list[tuple[str, object]]:
    """(path, view callable) for every pattern in the workspace URLconf."""
    return [(route.path(), route.view) for route in routes("batchtrack.urls_tenant")]


def protected_workspace_urls() -> list[tuple[str, object]]:
    return [(path, view) for path, view in workspace_urls() if view.__name__ not in OPEN_VIEWS]
