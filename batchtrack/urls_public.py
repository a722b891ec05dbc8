"""The public host: landing, pricing, legal, help, free tools, sign-up and sign-in, invitations, Stripe webhooks, platform admin."""

from __future__ import annotations

from allauth.account import views as account_views
from django.contrib import admin
from django.urls import include, path

from batchtrack.ratelimits import rate_limited

urlpatterns = [
    path("admin/", admin.site.urls),
    # allauth's views with our hourly per-IP limits on top of allauth's own (batchtrack/ratelimits.py).
    path("accounts/signup/", rate_limited("signup")(account_views.signup)),
    path("accounts/password/reset/", rate_limited("password_reset")(account_views.password_reset)),
    path("accounts/", include("allauth.urls")),
    path("stripe/", include("djstripe.urls", namespace="djstripe")),
    # Support access mechanics (policy: staff/services/support.py) and the staff console's pages.
    path("hijack/", include("hijack.urls")),
    path("", include("staff.urls_public")),
    path("tools/", include("tools.urls")),
    # Landing, pricing, legal, help, waitlist, robots.txt and sitemap.xml; "" before tenants' home.
    path("", include("publicsite.urls")),
    path("", include("tenants.urls_public")),
]

handler404 = "tenants.views.errors.not_found"
handler403 = "tenants.views.errors.forbidden"
handler500 = "staff.views.server_error"  # shows the request id
handler429 = "tenants.views.public.rate_limited"  # looked up by allauth for its own limits
