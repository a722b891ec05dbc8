"""Inventory pages in a workspace, under /inventory/."""

from __future__ import annotations

from django.urls import path

from inventory.views import adjust, containers, items, label_facts, library, lots, receive, units

app_name = "inventory"

urlpatterns = [
    path("", items.item_list, name="list"),
    path("items/new/", items.item_create, name="create"),
    path("items/library/", library.library_search, name="library"),
    path("containers/new/", containers.container_create, name="container_create"),
    path("items/library/add/", library.library_add_many, name="library_add_many"),
    path("items/library/<int:library_pk>/", library.library_add, name="library_add"),
    path("items/<int:pk>/", items.item_detail, name="detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="edit"),
    path("items/<int:pk>/label-facts/", label_facts.label_facts, name="label_facts"),
    path("items/<int:pk>/unlink/", items.item_unlink, name="unlink"),
    path("items/<int:pk>/link/", library.item_link, name="link"),
    path("items/<int:pk>/archive/", items.item_archive, name="archive"),
    path("items/<int:pk>/restore/", items.item_restore, name="restore"),
    path("items/<int:pk>/receive/", receive.receive_stock, name="receive"),
    path("items/<int:pk>/receive/preview/", receive.receive_preview, name="receive_preview"),
    path("items/<int:pk>/adjust/", adjust.adjust_stock, name="adjust"),
    path("lots/<int:lot_id>/correct/", lots.lot_correct, name="lot_correct"),
    path("lots/<int:lot_id>/release/", lots.lot_release, name="lot_release"),
    path("units/", units.unit_list, name="units"),
    path("units/new/", units.unit_create, name="unit_create"),
    path("units/<int:pk>/delete/", units.unit_delete, name="unit_delete"),
    path("units/density/<int:pk>/", units.density_set, name="density_set"),
]
