"""Forward server errors to Sentry when SENTRY_DSN is set, tagged with the request id the maker sees
on the error page (X-Request-ID), so a quoted id finds the event. Personal data (cookies, user emails, IPs) is not sent: the
SDK's default, left as it is."""

from __future__ import annotations

from typing import Any


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    from django_guid import get_guid

    request_id = get_guid()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init_sentry(*, dsn: str, environment: str, **options: Any) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        traces_sample_rate=0,
        before_send=_tag_request_id,
        **options,
    )
