"""Celery with tenant-aware tasks: a task runs in the schema that was active when it was sent."""

from __future__ import annotations

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batchtrack.settings")

app = CeleryApp("batchtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
