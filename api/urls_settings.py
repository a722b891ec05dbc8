"""The API keys settings page, under /settings/api-keys/ on a workspace host."""

from __future__ import annotations

from django.urls import path

from api.views import settings_page

app_name = "api_keys"

urlpatterns = [
    path("", settings_page.key_list, name="list"),
    path("<int:pk>/revoke/", settings_page.key_revoke, name="revoke"),
]
