"""Server errors: grouped in the inbox with counts and the request id the error page shows."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from staff.models import ErrorGroup
from tests.conftest import make_member, page_text, workspace_client


def broken_view(request):
    raise ValueError("the soap is too soft")


def fine_view(request):
    return HttpResponse("fine")


urlpatterns = [
    path("broken/", broken_view),
    path("fine/", fine_view),
]
handler500 = "staff.views.server_error"


@pytest.fixture
def broken_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.PUBLIC_SCHEMA_URLCONF = __name__


def _client(organization):
    client = workspace_client(make_member(organization, "owner"), organization)
    client.raise_request_exception = False
    return client


def test_error_is_grouped_with_its_request_id(broken_urls, org_a):
    client = _client(org_a)
    first = client.get("/broken/")
    second = client.get("/broken/")
    assert first.status_code == second.status_code == 500
    group = ErrorGroup.objects.get()
    assert group.exception_type == "builtins.ValueError"
    assert group.location.startswith("tests/staff/test_error_inbox.py:")
    assert group.location.endswith("in broken_view")
    assert group.count == 2
    assert group.first_seen <= group.last_seen
    assert group.last_workspace == org_a.schema_name
    assert group.last_path == "/broken/"
    assert group.message == "the soap is too soft"
    request_id = second["X-Request-ID"]
    assert group.last_request_id == request_id
    assert request_id in page_text(second)
    assert request_id != first["X-Request-ID"]


def test_every_response_carries_a_request_id(broken_urls, org_a):
    response = _client(org_a).get("/fine/")
    assert len(response["X-Request-ID"]) == 32


def test_proxy_request_id_is_kept(broken_urls, org_a):
    client = _client(org_a)
    given = "8d6f0c1e2b7a4e5f9a0b1c2d3e4f5a6b"
    response = client.get("/broken/", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] == given
    assert ErrorGroup.objects.get().last_request_id == given


def test_inbox_in_the_admin(broken_urls, org_a):
    from tests.staff.conftest import make_staff

    _client(org_a).get("/broken/")
    staff = make_staff()
    staff.is_superuser = True
    staff.save()
    admin = Client(HTTP_HOST="localhost")
    admin.force_login(staff)
    # The test URLconf has no admin; the real one does.
    from django.test import override_settings

    with override_settings(
        ROOT_URLCONF="batchtrack.urls_tenant", PUBLIC_SCHEMA_URLCONF="batchtrack.urls_public"
    ):
        listing = admin.get("/admin/staff/errorgroup/")
    assert listing.status_code == 200
    assert "ValueError" in listing.content.decode()


def test_sentry_gets_the_error_with_its_request_id(broken_urls, org_a):
    import sentry_sdk
    from sentry_sdk.transport import Transport

    from staff.sentry import init_sentry

    events = []

    class Captured(Transport):
        def capture_envelope(self, envelope):
            events.extend(item.payload.json for item in envelope.items if item.payload.json)

    init_sentry(dsn="https://key@sentry.invalid/1", environment="test", transport=Captured)
    try:
        response = _client(org_a).get("/broken/")
    finally:
        sentry_sdk.get_client().flush()
        sentry_sdk.init(dsn=None)
    errors = [e for e in events if e.get("exception")]
    assert errors, events
    assert errors[0]["tags"]["request_id"] == response["X-Request-ID"]
    assert errors[0]["exception"]["values"][0]["type"] == "ValueError"


@pytest.mark.parametrize("path", ["/healthz", "/static/missing.css", "/no-such-page/"])
def test_request_id_on_every_kind_of_response(db, path):
    response = Client(HTTP_HOST="localhost").get(path)
    assert len(response["X-Request-ID"]) == 32


def test_location_is_our_innermost_frame_not_the_library():
    import json

    from staff.services.errors import error_location

    def ours():
        json.loads("{not json")

    try:
        ours()
    except ValueError as exc:
        location = error_location(exc.__traceback__)
    assert location.startswith("tests/staff/test_error_inbox.py:")
    assert location.endswith(" in ours")


def test_an_aborted_transaction_is_not_made_worse(db):
    from django.db import transaction

    from staff.services.errors import record_server_error

    with transaction.atomic():
        transaction.set_rollback(True)
        record_server_error(exc=RuntimeError("boom"), path="/x/")
    assert not ErrorGroup.objects.exists()
