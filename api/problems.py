"""A JSON error the API answers with: a stable `code`, a plain `message`, the `field` it is about
(or null) and any details that help fix it. api/exceptions.py turns every error into one."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import APIException


class Problem(APIException):
    def __init__(
        self,
        http_status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        details: dict[str, Any] | None = None,
    ):
        super().__init__(detail=message, code=code)
        self.status_code = http_status
        self.code = code
        self.message = message
        self.field = field
        self.details = details or {}

    def body(self) -> dict[str, Any]:
        # The three keys every error has win over a detail of the same name.
        return {**self.details, "code": self.code, "message": self.message, "field": self.field}
