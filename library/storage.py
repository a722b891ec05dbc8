"""Where the public recipe library keeps cover images: one folder for every workspace (not the
per-workspace media folders), so any workspace reads the same file. Streamed by a view, never
served directly."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def cover_storage() -> FileSystemStorage:
    return FileSystemStorage(location=Path(settings.MEDIA_ROOT) / "library")
