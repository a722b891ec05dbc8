"""The library's domain errors, in plain language; a service that raises one changed nothing."""

from __future__ import annotations

from batchtrack.errors import DomainError


class LibraryError(DomainError):
    code = "LIBRARY_ERROR"


class InvalidSharedRecipe(LibraryError):
    code = "INVALID_SHARED_RECIPE"


class NotImportable(LibraryError):
    code = "NOT_IMPORTABLE"
