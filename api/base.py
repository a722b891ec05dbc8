"""What every API view shares: the per-method permission gate, the body size limit, the per-key
rate limit and its headers, and the Idempotency-Key header of stock-writing POSTs."""

from __future__ import annotations

import re

from django.conf import settings
from rest_framework import generics
from rest_framework.request import Request

from api.auth import Principal
from api.limits import count_request
from api.problems import Problem

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:\-]{1,80}$")


class ApiView(generics.GenericAPIView):
    # HTTP method -> the permission (tenants.roles.PERMISSIONS) it needs.
    permissions: dict[str, str] = {}

    def initial(self, request: Request, *args, **kwargs) -> None:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > settings.API_MAX_BODY_BYTES:
            raise Problem(
                413,
                "payload_too_large",
                f"The request body is larger than {settings.API_MAX_BODY_BYTES // 1024} KB.",
            )
        super().initial(request, *args, **kwargs)
        if isinstance(request.auth, Principal):
            # Seen by staff.middleware.WorkspaceActivityMiddleware: a key's write is activity too.
            request._request.api_principal = request.auth

    def check_throttles(self, request: Request) -> None:
        principal = request.auth
        if not isinstance(principal, Principal):
            return
        state = count_request(request, principal.rate_key)
        request._api_rate_state = state  # type: ignore[attr-defined]
        if state is not None and state.exceeded:
            raise Problem(
                429,
                "rate_limited",
                f"Too many requests: this key may make {state.limit} a minute. "
                f"Try again in {state.reset} seconds.",
                details={"retry_after": state.reset},
            )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        state = getattr(request, "_api_rate_state", None)
        if state is not None:
            for name, value in state.headers().items():
                response[name] = value
        return response

    @property
    def principal(self) -> Principal:
        return self.request.auth

    def idempotency_key(self) -> str | None:
        """The request's Idempotency-Key, namespaced so it can't replay a page's own write."""
        raw = self.request.headers.get("Idempotency-Key")
        if raw is None:
            return None
        if not IDEMPOTENCY_KEY.match(raw):
            raise Problem(
                400,
                "invalid_idempotency_key",
                "An Idempotency-Key is 1 to 80 letters, digits or . _ : -",
                field="Idempotency-Key",
            )
        return f"api:{raw}"


def validated(serializer_class, request: Request) -> dict:
    """The request body parsed by `serializer_class`; a 400 Problem when it does not parse."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
