from __future__ import annotations

from django.contrib import admin
from django.urls import path

from staff import admin_views, views

urlpatterns = [
    path("staff/dashboard/", admin.site.admin_view(admin_views.dashboard), name="staff_dashboard"),
    path(
        "staff/integrations/",
        admin.site.admin_view(admin_views.integrations),
        name="staff_integrations",
    ),
    path(
        "staff/support/start/",
        admin.site.admin_view(admin_views.support_start),
        name="staff_support_start",
    ),
    path("staff/support/continue/", views.support_continue, name="staff_support_continue"),
    path("staff/support/ended/", views.support_ended, name="staff_support_ended"),
    path("account/delete/", views.account_delete, name="staff_account_delete"),
]
