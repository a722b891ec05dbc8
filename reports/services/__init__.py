"""Reports' services: the only writers of export and import jobs (stock goes through inventory's)."""

from reports.services.exports import download_name, request_export, run_export
from reports.services.imports import confirm_import, preview_import, run_import

__all__ = [
    "confirm_import",
    "download_name",
    "preview_import",
    "request_export",
    "run_export",
    "run_import",
]
