"""A workspace host (`<slug>.<BASE_DOMAIN>`). No admin here: platform staff use the public host."""

from __future__ import annotations

from django.urls import include, path

from batchtrack.views import healthz

urlpatterns = [
    path("healthz", healthz),
    path("", include("tenants.urls_workspace")),
]

handler404 = "tenants.views.errors.not_found"
handler403 = "tenants.views.errors.forbidden"
