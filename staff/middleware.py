"""The staff console's two middleware classes, kept apart from the tenant middleware.

- SupportSessionMiddleware (after tenants' WorkspaceAccessMiddleware): in a support session, ends it
  when it expired or was ended elsewhere, refuses unsafe methods unless the grant allows changes (a
  plain 403 page), and records every page and every change in the workspace's activity log.
- WorkspaceActivityMiddleware: a successful write on a workspace host marks the workspace active, at
  most once an hour (the staff dashboard's "active in the last 7 days").
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.shortcuts import render

from staff.models import SupportSession
from staff.services.activity import note_write
from staff.services.support import end_support_session, record_support_request
from tenants.links import public_url
from tenants.middleware import is_workspace_request

SESSION_KEY = "support_session_id"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
END_PATH = "/support/end/"
# Not pages a person visits: their requests are not recorded one by one.
UNRECORDED_PREFIXES = ("/static/", "/media/")


def _worth_recording(request, method: str, status: int) -> bool:
    """Pages a person opened (not htmx fragments or files) and changes that went through."""
    if request.path == END_PATH or request.path.startswith(UNRECORDED_PREFIXES):
        return False
    if method not in SAFE_METHODS:
        return status < 400
    return method == "GET" and not getattr(request, "htmx", False)


class SupportSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.support_session = None
        session_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if not session_id or not is_workspace_request(request):
            return self.get_response(request)
        support = (
            SupportSession.objects.select_related("organization", "staff_user")
            .filter(pk=session_id, organization=request.tenant)
            .first()
        )
        if support is None or not support.is_open():
            if support is not None:
                end_support_session(session_id=support.pk, why="expired")
            logout(request)
            return render(
                request,
                "staff/support_ended.html",
                {"public_admin": public_url("/staff/support/ended/", request)},
                status=403,
            )
        request.support_session = support
        method = request.method.upper()
        if method not in SAFE_METHODS and request.path != END_PATH and not support.allow_changes:
            record_support_request(
                session=support, method=method, path=request.path, status=403, refused=True
            )
            return render(request, "staff/support_read_only.html", status=403)
        response = self.get_response(request)
        if _worth_recording(request, method, response.status_code):
            record_support_request(
                session=support, method=method, path=request.path, status=response.status_code
            )
        return response


class WorkspaceActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method.upper() not in SAFE_METHODS
            and response.status_code < 400
            and is_workspace_request(request)
            and (
                getattr(request, "membership", None) is not None
                # an API key's write (api.base.ApiView marks the request once the key is known)
                or getattr(request, "api_principal", None) is not None
            )
        ):
            note_write(organization_id=request.tenant.pk)
        return response
