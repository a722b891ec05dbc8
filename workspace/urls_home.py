"""The workspace's home page, at the root of a workspace host (no namespace: `dashboard`)."""

from __future__ import annotations

from django.urls import path

from workspace.views.dashboard import dashboard
from workspace.views.search import search

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("search/", search, name="search"),
]
