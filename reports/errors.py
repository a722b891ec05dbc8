"""Reports' domain errors: a plain message that says what to do next."""

from __future__ import annotations

from batchtrack.errors import DomainError


class ReportsError(DomainError):
    code = "REPORTS_ERROR"


class ImportRefused(ReportsError):
    """The whole file can't be used (type, size, row count, columns, encoding): nothing was read
    into the workspace."""

    code = "IMPORT_REFUSED"


class ImportNotReady(ReportsError):
    code = "IMPORT_NOT_READY"
