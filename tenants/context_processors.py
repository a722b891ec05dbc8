from __future__ import annotations

from django.conf import settings

from tenants.middleware import is_workspace_request


def workspace(request):
    on_workspace = is_workspace_request(request)
    return {
        "workspace": request.tenant if on_workspace else None,
        "membership": getattr(request, "membership", None),
        "base_domain": settings.BASE_DOMAIN,
        "google_login_enabled": bool(settings.GOOGLE_CLIENT_ID),
    }
