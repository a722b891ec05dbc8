from __future__ import annotations

from django.urls import path

from batches import trace_views

app_name = "trace"

urlpatterns = [
    path("lots/<int:lot_id>/", trace_views.lot_trace, name="lot"),
    path("recall/", trace_views.recall, name="recall"),
]
