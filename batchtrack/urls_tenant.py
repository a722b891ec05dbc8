"""A workspace host (`<slug>.<BASE_DOMAIN>`). No admin here: platform staff use the public host."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("api.urls")),
    path("billing/", include("billing.urls")),
    path("inventory/", include("inventory.urls")),
    path("recipes/", include("recipes.urls")),
    path("library/", include("library.urls")),
    path("batches/", include("batches.urls")),
    path("trace/", include("batches.urls_trace")),
    path("public/", include("batches.urls_public")),
    path("products/", include("products.urls")),
    path("sales/", include("sales.urls")),
    path("reports/", include("reports.urls")),
    path("purchasing/", include("purchasing.urls")),
    path("notifications/", include("notifications.urls")),
    path("guide/", include("workspace.urls")),
    path("charts/", include("workspace.urls_charts")),
    path("settings/api-keys/", include("api.urls_settings")),
    path("settings/webhooks/", include("webhooks.urls")),
    path("", include("workspace.urls_home")),
    path("", include("tenants.urls_workspace")),
    # Settings -> Data & privacy (export, deletion, support grant) and the support session's end.
    path("", include("staff.urls_workspace")),
]

handler404 = "tenants.views.errors.not_found"
handler403 = "tenants.views.errors.forbidden"
handler500 = "staff.views.server_error"  # shows the request id
# allauth answers its own rate limits with ROOT_URLCONF's handler429 (this module, on every host).
handler429 = "tenants.views.public.rate_limited"
