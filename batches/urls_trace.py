from __future__ import annotations

from django.urls import path

from batches.views import trace

app_name = "trace"

urlpatterns = [
    path("lots/<int:lot_id>/", trace.lot_trace, name="lot"),
    path("recall/", trace.recall, name="recall"),
]
