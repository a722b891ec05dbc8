from __future__ import annotations

from django.urls import path

from recipes import views

app_name = "recipes"

urlpatterns = [
    path("", views.recipe_list, name="list"),
    path("new/", views.recipe_create, name="create"),
    path("<int:pk>/", views.recipe_detail, name="detail"),
    path("<int:pk>/edit/", views.recipe_edit, name="edit"),
    path("<int:pk>/settings/", views.recipe_settings, name="settings"),
    path("<int:pk>/variation/", views.variation_create, name="variation"),
    path("<int:pk>/duplicate/", views.recipe_duplicate, name="duplicate"),
    path("<int:pk>/archive/", views.recipe_archive, name="archive"),
    path("<int:pk>/restore/", views.recipe_restore, name="restore"),
    path(
        "<int:pk>/versions/<int:version_id>/publish/",
        views.version_publish,
        name="publish",
    ),
    path(
        "<int:pk>/versions/<int:version_id>/discard/",
        views.version_discard,
        name="discard",
    ),
]
