"""Cover pictures of shared recipes go through Django's default storage (batchtrack/storage.py:
each schema's folder under MEDIA_ROOT, or S3 under STORAGE_URL), like every other file.

That storage keys a file by the active schema. A shared recipe belongs to no workspace (its row is
in the public schema) and every workspace reads the same cover, so each read and write of a cover
runs in the public schema (`platform_files`), whichever workspace asked. Streamed by a view, never
served directly."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import Storage, default_storage
from django_tenants.utils import get_public_schema_name, schema_context


def cover_storage() -> Storage:
    # A callable (what the field and its migration name), so the storage is chosen at run time.
    return default_storage


@contextmanager
def platform_files() -> Iterator[None]:
    """Read or write covers where every workspace finds them: the public schema's files."""
    with schema_context(get_public_schema_name()):
        yield


def cover_type(data: bytes) -> str:
    """The picture's media type, from its bytes (publishing accepts only PNG, JPEG, WEBP, GIF)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return Image.MIME.get(image.format or "", "application/octet-stream")
    except (OSError, ValueError):
        return "application/octet-stream"
