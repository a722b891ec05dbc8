"""An upload handler that stops keeping an import file once it passes the size limit.

Installed by the import view before the request body is parsed (so that view is csrf_exempt and
checks CSRF itself afterwards, as Django's docs describe). A bigger file is dropped as it streams in
(SkipFile), never held in memory or written to disk whole; the view then says it was too large.
"""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from reports.imports.reading import MAX_BYTES


class SizeLimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None, limit: int = MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile()
        return raw_data  # the next handler (memory or temporary file) keeps it

    def file_complete(self, file_size: int) -> None:
        return None
