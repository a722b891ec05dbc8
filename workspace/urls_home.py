"""The workspace's home page, at the root of a workspace host (no namespace: `dashboard`)."""

from __future__ import annotations

from django.urls import path

from workspace.views.dashboard import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
]
