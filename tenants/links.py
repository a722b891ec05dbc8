"""Absolute links between the public host and workspace hosts (`<slug>.<BASE_DOMAIN>`)."""

from __future__ import annotations

from django.conf import settings


def _port(request=None) -> str:
    if request is not None:
        host = request.get_host()
        if ":" in host:
            return host.rsplit(":", 1)[1]
        return ""
    return settings.SITE_PORT


def _origin(host: str, request=None) -> str:
    scheme = request.scheme if request is not None else settings.SITE_SCHEME
    port = _port(request)
    return f"{scheme}://{host}{':' + port if port else ''}"


def public_url(path: str = "/", request=None) -> str:
    return _origin(settings.BASE_DOMAIN, request) + path


def workspace_host(slug: str) -> str:
    return f"{slug}.{settings.BASE_DOMAIN}"


def workspace_url(slug: str, path: str = "/", request=None) -> str:
    return _origin(workspace_host(slug), request) + path
