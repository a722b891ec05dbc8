from __future__ import annotations

from django.conf import settings

from tenants.links import public_url
from tenants.middleware import is_workspace_request


def workspace(request):
    on_workspace = is_workspace_request(request)
    return {
        "workspace": request.tenant if on_workspace else None,
        "membership": getattr(request, "membership", None),
        "base_domain": settings.BASE_DOMAIN,
        "public_base": public_url("", request),
        "google_login_enabled": bool(settings.GOOGLE_CLIENT_ID),
    }
