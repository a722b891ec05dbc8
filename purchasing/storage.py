"""Where documents are kept: with every other workspace file, in the default storage
(batchtrack/storage.py: the workspace's media folder, MEDIA_ROOT/<schema>/documents/, or
S3-compatible storage under the workspace's schema name when STORAGE_URL is set). Files are
private: they are streamed by an authenticated view, never linked.
"""

from __future__ import annotations

import posixpath
import uuid

from django.core.files.storage import Storage, default_storage


def documents_storage() -> Storage:
    """The storage documents are kept in (named by the migrations, so it stays a function)."""
    return default_storage


def document_path(instance, filename: str) -> str:
    """A name nobody can guess or collide with; the original name is kept on the row."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"documents/{uuid.uuid4().hex}{extension}"
