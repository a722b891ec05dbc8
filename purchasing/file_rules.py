"""Which files a workspace may keep as documents, written once. No database.

A document is a PDF or a picture (PNG, JPEG, WebP) of at most MAX_BYTES. The type is read from the
file's first bytes, not trusted from its name or the browser, and the name's extension must agree
(an "invoice.pdf" that is really a program is refused). Pages are told the same limits.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from purchasing.errors import DocumentRefused

MAX_BYTES = 10 * 1024 * 1024
MAX_MB = MAX_BYTES // 1024 // 1024
HEAD_BYTES = 16
# extension -> (content type, what it is called)
_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
_NAMES = {
    "application/pdf": "a PDF",
    "image/png": "a PNG picture",
    "image/jpeg": "a JPEG picture",
    "image/webp": "a WebP picture",
}
ACCEPT = ",".join(_EXTENSIONS)  # for the file input's `accept`
KINDS_TEXT = "a PDF or a picture (PNG, JPEG or WebP)"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\"\\/]")


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, among those accepted; None for anything else."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def clean_name(name: str) -> str:
    """The file's own name, without folders or characters that break a download header."""
    base = posixpath.basename(str(name or "").replace("\\", "/"))
    base = _UNSAFE.sub("", unicodedata.normalize("NFC", base)).strip()
    if len(base) > 200:
        stem, extension = posixpath.splitext(base)
        base = stem[: 200 - len(extension)] + extension
    return base or "document"


def check_file(*, name: str, size: int, head: bytes) -> str:
    """The content type to keep the file with; raises DocumentRefused naming the file otherwise."""
    shown = clean_name(name)
    if size <= 0:
        raise DocumentRefused(f"{shown} is empty. Choose the file again.", field="file")
    if size > MAX_BYTES:
        raise DocumentRefused(
            f"{shown} is {size / 1024 / 1024:.1f} MB; a document can be at most {MAX_MB} MB. "
            f"Save a smaller copy (for example a PDF with smaller pictures) and attach that.",
            field="file",
        )
    claimed = _EXTENSIONS.get(posixpath.splitext(shown)[1].lower())
    found = sniff(head)
    if found is None or claimed is None:
        raise DocumentRefused(
            f"{shown} isn't {KINDS_TEXT}, so it can't be kept here. Save it as a PDF and attach "
            f"that.",
            field="file",
        )
    if found != claimed:
        raise DocumentRefused(
            f"{shown} is named like {_NAMES[claimed]} but is {_NAMES[found]}. Rename it to match "
            f"what it is, then attach it again.",
            field="file",
        )
    return found
