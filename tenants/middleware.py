"""Workspace-host access: sign-in, membership (404 for outsiders) and suspension."""

from __future__ import annotations

import zoneinfo
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import get_public_schema_name

from batchtrack.access import can
from tenants.links import public_url
from tenants.models import Organization
from tenants.request_cache import membership_in, workspace_for_host

# Paths on a workspace host that work without a membership. The API (api/) authenticates each
# request itself: an API key, or a member's session, never a redirect to a sign-in page.
# /public/: pages a workspace chose to publish (a batch record behind a label's QR code).
OPEN_PATHS = ("/auth/handoff/", "/static/", "/api/", "/public/")


class HostRoutingMiddleware(TenantMainMiddleware):
    """`BASE_DOMAIN` is the public site without needing a Domain row, so changing the setting is enough;
    every other host is looked up among the workspaces' domains."""

    def get_tenant(self, domain_model, hostname):
        if hostname == settings.BASE_DOMAIN:
            return public_organization()
        load = super().get_tenant
        return workspace_for_host(hostname, lambda: load(domain_model, hostname))


def public_organization() -> Organization:
    schema = get_public_schema_name()
    try:
        return Organization.objects.get_or_create(
            schema_name=schema, defaults={"name": "BatchTrack", "slug": schema}
        )[0]
    # Created concurrently by another request: the database or django-tenants' own check says so.
    except (IntegrityError, ValidationError):
        return Organization.objects.get(schema_name=schema)


def is_workspace_request(request) -> bool:
    tenant = getattr(request, "tenant", None)
    return tenant is not None and tenant.schema_name != get_public_schema_name()


class WorkspaceAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        if not is_workspace_request(request) or request.path.startswith(OPEN_PATHS):
            return self.get_response(request)
        organization = request.tenant
        if not request.user.is_authenticated:
            go = f"/go/{organization.slug}/?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(public_url(f"/accounts/login/?next={quote(go)}", request))
        membership = membership_in(organization, request.user)
        if membership is None:
            # Never reveal that a workspace exists to someone outside it.
            return render(request, "404.html", status=404)
        if organization.is_suspended:
            # Owners still reach the billing pages: a suspended workspace must be able to stop paying.
            may_bill = can(request.user, organization, "billing.manage", membership=membership)
            if not (may_bill and request.path.startswith("/billing/")):
                return render(
                    request,
                    "tenants/suspended.html",
                    {"organization": organization, "billing_url": "/billing/" if may_bill else ""},
                    status=403,
                )
        request.membership = membership
        return self.get_response(request)


class UserTimezoneMiddleware:
    """Show times in the user's zone, else the workspace's; everything is stored in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone_name = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        if not zone_name and is_workspace_request(request):
            zone_name = request.tenant.time_zone
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone_name or "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo("UTC"))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class UnconfiguredSignInProviderMiddleware:
    """Google sign-in's URLs exist whether or not Google is configured; without its keys allauth
    raises SocialApp.DoesNotExist (a 500). A provider that isn't set up is a page that doesn't exist."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from allauth.socialaccount.models import SocialApp

        if isinstance(exception, SocialApp.DoesNotExist):
            from tenants.views.errors import not_found

            return not_found(request, exception)
        return None
