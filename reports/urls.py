from __future__ import annotations

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("exports/<slug:kind>/", views.export_start, name="export_start"),
    path("exports/job/<int:pk>/", views.export_job, name="export_job"),
    path("exports/job/<int:pk>/download/", views.export_download, name="export_download"),
    path("imports/", views.import_start, name="import_start"),
    path("imports/template.csv", views.import_template, name="import_template"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
]
