"""Where documents are kept: the "documents" storage alias (settings.STORAGES).

By default it is the workspace's own media folder (django-tenants' TenantFileSystemStorage, so files
land under MEDIA_ROOT/<schema>/documents/). With DOCUMENTS_S3_BUCKET set, settings point the alias at
`TenantS3Storage`: django-storages' S3 backend (any S3-compatible service, through S3_ENDPOINT_URL)
with every key under the workspace's schema name, the S3 equivalent of the per-workspace folder.
Either way files are private: they are streamed by an authenticated view, never linked.
"""

from __future__ import annotations

import posixpath
import uuid

from django.core.files.storage import storages
from django.db import connection
from django.utils.functional import LazyObject
from storages.backends.s3 import S3Storage

ALIAS = "documents"


class TenantS3Storage(S3Storage):
    """S3 storage whose keys start with the active workspace's schema name (`<root>/<schema>/...`).

    django-storages reads `location` on every call, so a property keeps it per request rather than
    per process; its settings machinery assigns `location` once, which becomes the root."""

    _root = ""

    @property  # type: ignore[override]
    def location(self) -> str:
        return posixpath.join(self._root, connection.schema_name).strip("/")

    @location.setter
    def location(self, value: str) -> None:
        self._root = (value or "").strip("/")


class _DocumentsStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages[ALIAS]


def documents_storage() -> _DocumentsStorage:
    """The documents storage, resolved on first use (tests and settings may change the alias)."""
    return _DocumentsStorage()


def document_path(instance, filename: str) -> str:
    """A name nobody can guess or collide with; the original name is kept on the row."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"documents/{uuid.uuid4().hex}{extension}"
