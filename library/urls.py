"""The public recipe library as a workspace sees it, under /library/."""

from __future__ import annotations

from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("recipes/", views.recipe_library, name="recipes"),
    path("recipes/<int:pk>/", views.shared_recipe, name="recipe"),
    path("recipes/<int:pk>/cover/", views.shared_cover, name="cover"),
    path("recipes/<int:pk>/import/", views.shared_import, name="import"),
    path("share/<int:recipe_pk>/", views.share_recipe, name="share"),
]
