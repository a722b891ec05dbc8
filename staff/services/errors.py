"""The error inbox: server errors grouped by exception type and where they were raised.

`record_server_error` is called for every exception a view lets escape (Django's
got_request_exception signal, staff.receivers). One statement upserts the group, so concurrent
errors count exactly and a request never fails twice because of its own error report.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_guid import get_guid
from django_tenants.utils import get_public_schema_name

from staff.models import ErrorGroup

logger = logging.getLogger("staff.errors")

_ROOT = Path(settings.BASE_DIR).resolve()


def _is_ours(filename: str) -> bool:
    path = Path(filename).resolve()
    return path.is_relative_to(_ROOT) and not any(
        part in (".venv", "site-packages") for part in path.parts
    )


def error_location(tb: TracebackType | None) -> str:
    """Where the error was raised: the innermost frame of our code (a library's frame says little
    about which of our pages broke), else the innermost frame."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return "unknown"
    ours = [frame for frame in frames if _is_ours(frame.filename)]
    frame = (ours or frames)[-1]
    filename = Path(frame.filename).resolve()
    shown = filename.relative_to(_ROOT) if filename.is_relative_to(_ROOT) else filename.name
    return f"{shown}:{frame.lineno} in {frame.name}"


def fingerprint(exception_type: str, location: str) -> str:
    # The line number is part of the location: an edit that moves the line starts a new group.
    return hashlib.sha256(f"{exception_type}|{location}".encode()).hexdigest()


def record_server_error(*, exc: BaseException, path: str = "", workspace: str = "") -> None:
    """Count `exc` in its group (creating it), with the request id and workspace of this one."""
    exception_type = f"{type(exc).__module__}.{type(exc).__qualname__}"
    location = error_location(exc.__traceback__)[:300]
    now = timezone.now()
    values: list[Any] = [
        fingerprint(exception_type, location),
        exception_type[:200],
        location,
        str(exc)[:1000],
        now,
        now,
        (get_guid() or "")[:64],
        workspace[:63],
        path[:500],
    ]
    table = f'"{get_public_schema_name()}"."{ErrorGroup._meta.db_table}"'
    if connection.needs_rollback:
        # The request's transaction is broken; its error cannot be recorded through it.
        logger.warning("Server error not added to the inbox: the transaction was aborted")
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (fingerprint, exception_type, location, message, count, "
                "first_seen, last_seen, last_request_id, last_workspace, last_path) "
                "VALUES (%s, %s, %s, %s, 1, %s, %s, %s, %s, %s) "
                "ON CONFLICT (fingerprint) DO UPDATE SET count = "
                f"{table}.count + 1, last_seen = EXCLUDED.last_seen, message = EXCLUDED.message, "
                "last_request_id = EXCLUDED.last_request_id, "
                "last_workspace = EXCLUDED.last_workspace, last_path = EXCLUDED.last_path",
                values,
            )
    except DatabaseError:
        logger.warning("Server error not added to the inbox", exc_info=True)
