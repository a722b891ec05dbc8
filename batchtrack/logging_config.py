"""LOGGING for the settings: one JSON object per line in production (LOG_FORMAT=json, the default
with DEBUG off), readable text in development.

Every line written while a request is handled carries its id (`request_id`): django-guid's
middleware takes the proxy's X-Request-ID when it is a UUID, else makes one, and returns it in the
response's X-Request-ID header, so a line in the logs and a response a person reports can be matched.
"""

from __future__ import annotations

from typing import Any


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {
                "()": "django_guid.log_filters.CorrelationId",
                "correlation_id_field": "request_id",
            }
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            "pgserver": {"level": "WARNING"},
            # It warns of every malformed X-Request-ID, which any client can send.
            "django_guid": {"level": "ERROR"},
        },
    }
