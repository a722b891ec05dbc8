"""Guided flows on a workspace host, under /guide/."""

from __future__ import annotations

from django.urls import path

from workspace.views import finish, receive, sample_data, start

app_name = "guide"

urlpatterns = [
    path("start/", start.choose_recipe, name="start"),
    path("start/<int:recipe_pk>/", start.choose_size, name="size"),
    path("batches/<int:pk>/check/", start.check, name="check"),
    path("batches/<int:pk>/confirm/", start.confirm, name="confirm"),
    path("batches/<int:pk>/started/", start.started, name="started"),
    path("batches/<int:pk>/undo/", start.undo, name="undo"),
    path("batches/<int:pk>/finish/", finish.how_much, name="finish"),
    path("batches/<int:pk>/finish/cost/", finish.cost_preview, name="finish_cost"),
    path("batches/<int:pk>/finish/where/", finish.where, name="finish_where"),
    path("batches/<int:pk>/finish/confirm/", finish.confirm, name="finish_confirm"),
    path("batches/<int:pk>/discard/", start.discard, name="discard"),
    path(
        "batches/<int:pk>/receive/<int:item_pk>/",
        receive.receive_for_batch,
        name="receive_for_batch",
    ),
    path("receive/", receive.choose_item, name="receive"),
    path("sample-data/", sample_data.sample_data_start, name="sample_data"),
    path("sample-data/<int:pk>/", sample_data.sample_data_job, name="sample_data_job"),
]
