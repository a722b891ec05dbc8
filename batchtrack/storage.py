"""Where workspace files live: export and import files, supplier documents (settings.STORAGES).

By default each workspace's files are in its own folder under MEDIA_ROOT (django-tenants'
TenantFileSystemStorage), which suits one machine. Several web and worker machines need one shared
store: set STORAGE_URL=s3://bucket/optional/prefix (any S3-compatible service; AWS_S3_ENDPOINT_URL
for one that is not AWS, and the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
AWS_S3_REGION_NAME), and every workspace file goes through django-storages' S3 backend with its keys
under the workspace's schema name, the S3 equivalent of the per-workspace folder.

Either way files are private: the web server never serves them; authenticated views stream them.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urlparse

from django.db import connection
from storages.backends.s3 import S3Storage

LOCAL = {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"}


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


def workspace_file_storage(storage_url: str, aws: dict[str, Any]) -> dict[str, Any]:
    """The STORAGES entry for workspace files: local folders, or S3 when `storage_url` is s3://.
    `aws` holds the optional AWS_* settings (None where unset). Raises ValueError for a URL it
    does not understand, so a typo stops the process at start-up rather than losing files."""
    if not storage_url:
        return LOCAL
    parts = urlparse(storage_url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(
            f"STORAGE_URL must look like s3://bucket or s3://bucket/prefix; got {storage_url!r}."
        )
    return {
        "BACKEND": "batchtrack.storage.TenantS3Storage",
        "OPTIONS": {
            "bucket_name": parts.netloc,
            "location": parts.path.strip("/"),
            "endpoint_url": aws.get("endpoint_url"),
            "region_name": aws.get("region_name"),
            "access_key": aws.get("access_key"),
            "secret_key": aws.get("secret_key"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
