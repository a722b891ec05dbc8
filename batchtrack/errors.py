"""The base of every domain error: a stable code, a plain-language message and the data to fix it."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "DOMAIN_ERROR"

    def __init__(
        self, message: str, *, code: str | None = None, field: str | None = None, **details: Any
    ):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field
        self.details = details

    def __str__(self) -> str:
        return self.message
