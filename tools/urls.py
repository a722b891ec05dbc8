from __future__ import annotations

from django.urls import path

from tools import views

app_name = "tools"
urlpatterns = [
    path("", views.index, name="index"),
    path("soap/", views.soap_calculator, name="soap"),
    path("candle/", views.candle_calculator, name="candle"),
    path("lotion/", views.lotion_calculator, name="lotion"),
    path("save/", views.save, name="save"),
]
