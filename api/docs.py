"""OpenAPI documentation helpers: every endpoint gets a summary, its error answers (one shared Error
shape) and request/response examples through `endpoint(...)`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every error: a stable code, a plain message, the field it is about; some add details."""

    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    errors = ErrorDetailSerializer(many=True, required=False)


ERROR_EXAMPLE = OpenApiExample(
    "Not enough stock",
    value={
        "code": "insufficient_stock",
        "message": "You need 150 g more Olive oil: this needs 500 g and 350 g is available.",
        "field": "quantity",
        "shortfalls": [
            {
                "item_id": 7,
                "item_name": "Olive oil",
                "needed": "500",
                "available": "350",
                "shortfall": "150",
                "unit": "g",
                "lot_id": None,
                "held": [],
            }
        ],
    },
    response_only=True,
    status_codes=["409"],
)

IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    pattern=r"^[A-Za-z0-9._:\-]{1,80}$",
    description="Send the same key again (a retry) and nothing more is written: the first "
    "call's result comes back, status and body. The same key with a different body is refused "
    "(422, idempotency_key_reused).",
)

_READ_ERRORS = (400, 401, 403, 404, 422, 429)
_WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 422, 429)
_DESCRIPTIONS = {
    400: "Malformed JSON, an unknown field, a wrong type or a missing parameter",
    401: "No API key, or one that is revoked or belongs to another workspace",
    403: "The key's role or the workspace's plan does not allow this",
    404: "No such row in this workspace",
    409: "The workspace's state refuses it (not enough stock, a batch already finished, ...)",
    413: "The request body is too large",
    422: "The values are well formed but not acceptable (a negative quantity, an unknown unit)",
    429: "Too many requests for this key; see Retry-After",
}


def endpoint(
    summary: str,
    *,
    response: Any,
    request: Any = None,
    examples: list[OpenApiExample] | None = None,
    status: int = 200,
    write: bool = False,
    tag: str | None = None,
    parameters: list | None = None,
    description: str = "",
    idempotent: bool = False,
):
    errors = _WRITE_ERRORS if write else _READ_ERRORS
    responses: dict[int, Any] = {status: response}
    for code in errors:
        responses[code] = OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code])
    return extend_schema(
        summary=summary,
        description=description or summary,
        request=request,
        responses=responses,
        examples=[*(examples or []), ERROR_EXAMPLE] if write else examples,
        tags=[tag] if tag else None,
        parameters=[*(parameters or []), IDEMPOTENCY] if idempotent else parameters,
    )
