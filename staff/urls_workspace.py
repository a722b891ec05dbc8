from __future__ import annotations

from django.urls import path

from staff import views

urlpatterns = [
    path("settings/data/", views.data_privacy, name="staff_data_privacy"),
    path("settings/data/support/", views.support_grant, name="staff_support_grant"),
    path("settings/data/support/off/", views.support_revoke, name="staff_support_revoke"),
    path("settings/data/export/", views.export_start, name="staff_export_start"),
    path(
        "settings/data/export/<int:pk>/download/",
        views.export_download,
        name="staff_export_download",
    ),
    path("settings/data/delete/", views.workspace_delete, name="staff_workspace_delete"),
    path("support/end/", views.support_end, name="staff_support_end"),
]
