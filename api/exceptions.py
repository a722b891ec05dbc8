"""The one place an error becomes the API's JSON answer: {"code", "message", "field", ...details}.

Domain errors keep their own code (lower-cased: "insufficient_stock") and message, and their
details (shortfalls, ...); DOMAIN_STATUS says which HTTP status each class gets, looked up along the
class's ancestry so a subclass inherits its parent's status. What is not a domain error (bad JSON,
unknown fields, wrong types, a missing row, a refused key) gets a code of its own here. Nothing
reaches Django's HTML error pages, and nothing answers 500 for bad input.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.errors import ApiNotInPlan, KeyAlreadyRevoked
from api.problems import Problem
from api.serializers.base import exact_text
from batches.errors import IllegalTransition, RecipeArchivedSincePlanning, StockShort
from batchtrack.errors import DomainError
from billing.errors import LimitReached, WorkspaceReadOnly
from inventory.errors import (
    AlreadyRestored,
    DuplicateItemName,
    InsufficientStock,
    ItemArchived,
    ItemNotFound,
    NothingToRestore,
    ReservationClosed,
    StockReserved,
)
from products.errors import DuplicateProductName, DuplicateSkuCode
from recipes.errors import DuplicatePrefix, DuplicateRecipeName, RecipeArchived, VersionLocked
from sales.errors import LinesShort, OrderClosed

# Domain error class -> HTTP status. 409: the request is well formed but the state of the workspace
# refuses it (not enough stock, a batch already finished); 403: the plan or billing refuses it;
# 404: it names something the workspace doesn't have; everything else a domain error says is 422.
DOMAIN_STATUS: dict[type[DomainError], int] = {
    ItemNotFound: 404,
    InsufficientStock: 409,
    StockReserved: 409,
    ReservationClosed: 409,
    AlreadyRestored: 409,
    NothingToRestore: 409,
    ItemArchived: 409,
    DuplicateItemName: 409,
    VersionLocked: 409,
    RecipeArchived: 409,
    DuplicateRecipeName: 409,
    DuplicatePrefix: 409,
    IllegalTransition: 409,
    StockShort: 409,
    RecipeArchivedSincePlanning: 409,
    DuplicateProductName: 409,
    DuplicateSkuCode: 409,
    OrderClosed: 409,
    LinesShort: 409,
    KeyAlreadyRevoked: 409,
    LimitReached: 403,
    WorkspaceReadOnly: 403,
    ApiNotInPlan: 403,
    DomainError: 422,
}
# Details that only make sense on the pages (links to page routes).
_PAGE_ONLY_DETAILS = frozenset({"fixes"})


def domain_status(error: DomainError) -> int:
    for klass in type(error).__mro__:
        if klass in DOMAIN_STATUS:
            return DOMAIN_STATUS[klass]
    return 422  # pragma: no cover - DomainError itself is in the table


def jsonable(value: Any) -> Any:
    """Details as JSON values: exact decimals as strings, dataclasses as objects."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def problem_for(exc: BaseException) -> Problem | None:
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, DomainError):
        details = {k: v for k, v in exc.details.items() if k not in _PAGE_ONLY_DETAILS}
        return Problem(
            domain_status(exc),
            exc.code.lower(),
            exc.message,
            field=exc.field,
            details=jsonable(details),
        )
    if isinstance(exc, exceptions.ValidationError):
        return _validation_problem(exc.detail)
    if isinstance(exc, exceptions.ParseError):
        return Problem(400, "malformed_json", "The request body is not valid JSON.")
    if isinstance(exc, RequestDataTooBig):
        return Problem(413, "payload_too_large", "The request body is too large.")
    if isinstance(exc, Http404 | ObjectDoesNotExist | exceptions.NotFound):
        return Problem(404, "not_found", "Nothing with that id exists in this workspace.")
    if isinstance(exc, DjangoPermissionDenied):
        return Problem(403, "permission_denied", str(exc) or "You may not do that.")
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        return Problem(exc.status_code, str(code), str(exc.detail))
    return None


def _validation_problem(detail: Any) -> Problem:
    errors = list(_flatten(detail))
    field, code, message = errors[0] if errors else (None, "invalid", "The request is not valid.")
    if field and message and not message.startswith(field):
        message = f"{field}: {message}"
    listed = [{"field": f, "code": c, "message": m} for f, c, m in errors]
    return Problem(
        status.HTTP_400_BAD_REQUEST,
        "invalid_input" if code == "invalid" else code,
        message,
        field=field,
        details={"errors": listed},
    )


def _flatten(detail: Any, prefix: str = ""):
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == "non_field_errors":
                name = prefix
            elif isinstance(key, int) or str(key).isdigit():  # a list's item (many=True)
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            yield from _flatten(value, name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list) and not isinstance(value, exceptions.ErrorDetail):
                yield from _flatten(value, f"{prefix}[{index}]")
            else:
                yield from _flatten(value, prefix)
    else:
        code = getattr(detail, "code", "invalid") or "invalid"
        yield prefix or None, str(code), str(detail)


def handle(exc: BaseException, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]."""
    problem = problem_for(exc)
    if problem is None:
        return None  # a real bug: DRF re-raises it, Django logs it
    response = Response(problem.body(), status=problem.status_code)
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        response["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None) or problem.details.get("retry_after")
    if wait:
        response["Retry-After"] = str(int(wait))
    return response
