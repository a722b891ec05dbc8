"""The public host: landing, sign-up and sign-in, invitations, Stripe webhooks, platform admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from batchtrack.views import healthz

urlpatterns = [
    path("healthz", healthz),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("stripe/", include("djstripe.urls", namespace="djstripe")),
    path("", include("tenants.urls_public")),
]

handler404 = "tenants.views.errors.not_found"
handler403 = "tenants.views.errors.forbidden"
