from __future__ import annotations

from django.urls import path

from products import simple_views, views

app_name = "products"

urlpatterns = [
    path("", views.product_list, name="list"),
    path("new/", simple_views.product_create, name="create"),
    path("for-recipe/<int:recipe_pk>/", simple_views.recipe_product, name="recipe_product"),
    path("<int:pk>/", views.product_detail, name="detail"),
    path("<int:pk>/edit/", views.product_edit, name="edit"),
    path("<int:pk>/variants/", views.variant_add, name="variant_add"),
    path("<int:pk>/sizes/", views.size_add, name="size_add"),
    path("<int:pk>/skus/new/", views.sku_create, name="sku_create"),
    path("skus/<int:pk>/", views.sku_detail, name="sku"),
    path("skus/<int:pk>/edit/", views.sku_edit, name="sku_edit"),
    path("skus/<int:pk>/deduct/", views.sku_deduct, name="sku_deduct"),
    path("skus/<int:pk>/holds/", views.sku_hold, name="sku_hold"),
    path("holds/", views.hold_list, name="holds"),
    path("holds/<int:pk>/sell/", views.hold_sell, name="hold_sell"),
    path("holds/<int:pk>/release/", views.hold_release, name="hold_release"),
    path("sales/<int:pk>/return/", views.sale_return, name="sale_return"),
]
