"""Pages of a workspace open to anyone with the link (under /public/, which the membership
middleware lets through): the batch record a label's QR code opens, when the workspace opted in."""

from __future__ import annotations

from django.urls import path

from batches.views import labels

urlpatterns = [
    path("batches/<str:token>/", labels.public_batch_record, name="public_batch"),
]
