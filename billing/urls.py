from __future__ import annotations

from django.urls import path

from billing import views

app_name = "billing"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("checkout/", views.checkout, name="checkout"),
    path("portal/", views.portal, name="portal"),
    path("success/", views.success, name="success"),
    path("cancel/", views.cancel, name="cancel"),
]
