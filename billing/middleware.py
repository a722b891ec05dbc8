"""Billing's part of every workspace request: the access policy, the banner, read-only mode.

Runs after the workspace access middleware (which has found the membership and turned
suspended workspaces away). It reads only request.tenant, the organization row already loaded.
A read-only workspace answers changes (any non-safe method) with a page that says why, except on the
billing pages and sign-out, so the owner can always fix it; nothing redirects, so nothing can loop.
"""

from __future__ import annotations

from django.shortcuts import render

from billing.policy import access_for

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Billing (to fix the payment), signing in and out, the user's own profile (not workspace data), and
# exports: a read-only workspace's data stays the maker's to take out.
ALWAYS_WRITABLE_PATHS = (
    "/billing/",
    "/signout/",
    "/auth/handoff/",
    "/settings/profile/",
    "/reports/exports/",
)


class BillingAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.billing_access = None
        if getattr(request, "membership", None) is None:
            return self.get_response(request)
        access = access_for(request.tenant)
        request.billing_access = access
        if (
            not access.writable
            and request.method not in SAFE_METHODS
            and not request.path.startswith(ALWAYS_WRITABLE_PATHS)
        ):
            response = render(request, "billing/read_only.html", {"access": access}, status=402)
            if getattr(request, "htmx", False):
                # htmx does not swap error responses; reload the page, which shows the banner.
                response["HX-Refresh"] = "true"
            return response
        return self.get_response(request)
